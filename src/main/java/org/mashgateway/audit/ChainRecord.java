package org.mashgateway.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A decision record exactly as stored, column for column, and the hash over it.
 *
 * <p>Verification hashes the raw stored values (the decision as text, not as an enum), so any
 * change made in SQL shows up as a hash mismatch rather than as a parse error that stops the walk.
 */
record ChainRecord(
        long recordId,
        Instant at,
        String policyVersion,
        String decision,
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
        String documentHash,
        String previousHash,
        String hash) {

    /** The previous hash of record 1. */
    static final String GENESIS_HASH = "0".repeat(64);

    /** Names the encoding, so a future change of layout cannot collide with this one. */
    private static final String ENCODING = "mash-gateway/decision-record/v1";

    static ChainRecord of(long recordId, Instant at, Decision d, String previousHash) {
        ChainRecord unhashed = new ChainRecord(recordId, at, d.policyVersion(), d.decision().name(),
                d.reasonCode(), d.lawfulBasis(), d.sender(), d.recipient(), d.gatewayReference(),
                d.documentType(), d.minimisationProfile(), d.fieldsShared(), d.fieldsDropped(),
                d.subjectKeys(), d.documentHash(), previousHash, null);
        return unhashed.withHash(unhashed.computedHash());
    }

    ChainRecord withHash(String newHash) {
        return new ChainRecord(recordId, at, policyVersion, decision, reasonCode, lawfulBasis, sender,
                recipient, gatewayReference, documentType, minimisationProfile, fieldsShared,
                fieldsDropped, subjectKeys, documentHash, previousHash, newHash);
    }

    /**
     * SHA-256 (lower-case hex) over every field but {@link #hash()} in a fixed order. Each string is
     * length-prefixed (or marked absent), each list count-prefixed, so no two different records
     * encode to the same bytes: ("AB","C") and ("A","BC") differ, as do null and "".
     */
    String computedHash() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, ENCODING);
            out.writeLong(recordId);
            out.writeLong(at.getEpochSecond());
            out.writeInt(at.getNano());
            writeString(out, policyVersion);
            writeString(out, decision);
            writeString(out, reasonCode);
            writeString(out, lawfulBasis);
            writeString(out, sender);
            writeString(out, recipient);
            writeString(out, gatewayReference);
            writeString(out, documentType);
            writeString(out, minimisationProfile);
            writeList(out, fieldsShared);
            writeList(out, fieldsDropped);
            writeList(out, subjectKeys);
            writeString(out, documentHash);
            writeString(out, previousHash);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return Decision.sha256Hex(bytes.toByteArray());
    }

    DecisionRecord toDecisionRecord() {
        return new DecisionRecord(recordId, at, policyVersion, DecisionKind.valueOf(decision), reasonCode,
                lawfulBasis, sender, recipient, gatewayReference, documentType, minimisationProfile,
                fieldsShared, fieldsDropped, subjectKeys, documentHash, previousHash, hash);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void writeList(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }
}
