package org.mashgateway.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.mashgateway.reference.GatewayReferences;

/**
 * A decision a caller asks the {@link DecisionLog} to record; the log adds the record id, the time
 * and the chain hashes. Build one with {@link #of(DecisionKind)}.
 *
 * <p>Every field is checked against a narrow shape (codes, element names, hex hashes) so that a
 * name, an address or document text cannot be recorded by mistake: the audit trail holds none.
 * Errors name the offending field, never its value.
 *
 * @param decision            what was decided
 * @param policyVersion       version of the sharing policy that decided it
 * @param reasonCode          fixed upper-case code, e.g. {@code CHILD_NOT_STATUTORY_SCHOOL_AGE}
 * @param lawfulBasis         the lawful basis text the policy names
 * @param sender              code of the sending force, case system or agency
 * @param recipient           agency code or school URN
 * @param gatewayReference    the {@code MGW-…} reference concerned
 * @param documentType        root element name of the document, e.g. {@code SchoolNotification}
 * @param minimisationProfile the minimisation profile and its version, e.g. {@code sdat@3}
 * @param fieldsShared        names (paths) of the elements that went to the recipient, never values
 * @param fieldsDropped       names (paths) of the elements the profile removed, never values
 * @param subjectKeys         {@link SubjectKeys keyed hashes} of the people the document is about
 * @param documentHash        SHA-256 (lower-case hex) of the original document, if there is one
 */
public record Decision(
        DecisionKind decision,
        String policyVersion,
        String reasonCode,
        String lawfulBasis,
        String sender,
        String recipient,
        String gatewayReference,
        String documentType,
        String minimisationProfile,
        List<String> fieldsShared,
        List<String> fieldsDropped,
        List<String> subjectKeys,
        String documentHash) {

    static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,64}");
    private static final Pattern PARTY = Pattern.compile("[A-Za-z0-9_.@:+-]{1,100}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.:+@-]{1,64}");
    private static final Pattern DOCUMENT_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,63}");
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9_.:+@-]{1,100}");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:/@\\[\\]-]{0,199}");
    private static final int MAX_LAWFUL_BASIS = 1000;
    private static final int MAX_JOINED_FIELDS = 4000;

    public Decision {
        if (decision == null) {
            throw new IllegalArgumentException("decision is required");
        }
        check("policyVersion", policyVersion, VERSION);
        check("reasonCode", reasonCode, CODE);
        check("sender", sender, PARTY);
        check("recipient", recipient, PARTY);
        check("documentType", documentType, DOCUMENT_TYPE);
        check("minimisationProfile", minimisationProfile, PROFILE);
        check("documentHash", documentHash, HEX_SHA256);
        if (gatewayReference != null && !GatewayReferences.isWellFormed(gatewayReference)) {
            throw new IllegalArgumentException("gatewayReference is not a well-formed gateway reference");
        }
        if (lawfulBasis != null
                && (lawfulBasis.isBlank() || lawfulBasis.length() > MAX_LAWFUL_BASIS
                        || lawfulBasis.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("lawfulBasis must be 1.." + MAX_LAWFUL_BASIS + " printable characters");
        }
        fieldsShared = fieldNames("fieldsShared", fieldsShared);
        fieldsDropped = fieldNames("fieldsDropped", fieldsDropped);
        subjectKeys = subjectKeys == null ? List.of() : List.copyOf(subjectKeys);
        for (String key : subjectKeys) {
            check("subjectKeys", key, HEX_SHA256);
        }
    }

    /** Starts a decision of this kind; every other field is optional. */
    public static Builder of(DecisionKind decision) {
        return new Builder(decision);
    }

    /** SHA-256 of a document as lower-case hex, the form {@link #documentHash()} takes. */
    public static String sha256Hex(byte[] document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static void check(String field, String value, Pattern shape) {
        if (value != null && !shape.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " does not have the shape " + shape.pattern());
        }
    }

    private static List<String> fieldNames(String field, List<String> names) {
        if (names == null) {
            return List.of();
        }
        List<String> copy = List.copyOf(names);
        for (String name : copy) {
            check(field, name, FIELD_NAME);
        }
        if (String.join(",", copy).length() > MAX_JOINED_FIELDS) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_JOINED_FIELDS + " characters in all");
        }
        return copy;
    }

    /** Collects the optional fields of a {@link Decision}. */
    public static final class Builder {

        private final DecisionKind decision;
        private String policyVersion;
        private String reasonCode;
        private String lawfulBasis;
        private String sender;
        private String recipient;
        private String gatewayReference;
        private String documentType;
        private String minimisationProfile;
        private List<String> fieldsShared = List.of();
        private List<String> fieldsDropped = List.of();
        private final List<String> subjectKeys = new ArrayList<>();
        private String documentHash;

        private Builder(DecisionKind decision) {
            this.decision = decision;
        }

        public Builder policyVersion(String policyVersion) {
            this.policyVersion = policyVersion;
            return this;
        }

        public Builder reasonCode(String reasonCode) {
            this.reasonCode = reasonCode;
            return this;
        }

        public Builder lawfulBasis(String lawfulBasis) {
            this.lawfulBasis = lawfulBasis;
            return this;
        }

        public Builder sender(String sender) {
            this.sender = sender;
            return this;
        }

        public Builder recipient(String recipient) {
            this.recipient = recipient;
            return this;
        }

        public Builder gatewayReference(String gatewayReference) {
            this.gatewayReference = gatewayReference;
            return this;
        }

        public Builder documentType(String documentType) {
            this.documentType = documentType;
            return this;
        }

        public Builder minimisationProfile(String minimisationProfile) {
            this.minimisationProfile = minimisationProfile;
            return this;
        }

        public Builder fieldsShared(Collection<String> fieldsShared) {
            this.fieldsShared = List.copyOf(fieldsShared);
            return this;
        }

        public Builder fieldsDropped(Collection<String> fieldsDropped) {
            this.fieldsDropped = List.copyOf(fieldsDropped);
            return this;
        }

        public Builder subjectKey(String subjectKey) {
            this.subjectKeys.add(subjectKey);
            return this;
        }

        public Builder subjectKeys(Collection<String> subjectKeys) {
            this.subjectKeys.addAll(subjectKeys);
            return this;
        }

        public Builder documentHash(String documentHash) {
            this.documentHash = documentHash;
            return this;
        }

        /** Records the SHA-256 of the original document (the document itself is not kept). */
        public Builder documentHashOf(byte[] document) {
            this.documentHash = sha256Hex(document);
            return this;
        }

        public Decision build() {
            return new Decision(decision, policyVersion, reasonCode, lawfulBasis, sender, recipient,
                    gatewayReference, documentType, minimisationProfile, fieldsShared, fieldsDropped,
                    subjectKeys, documentHash);
        }
    }
}
