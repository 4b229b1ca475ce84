package org.mashgateway.policy;

import java.time.Instant;
import java.util.List;

/**
 * One minimised document the sharing policy decided to send to one recipient: what delivery
 * protects and sends, and what the decision record says about it. Holds personal data only inside
 * {@code document} and {@code text}, which never leave unencrypted.
 *
 * @param recipientType agency or school
 * @param recipient agency code or school URN
 * @param reference the gateway reference of this output (its own, never the police ids)
 * @param kind NOTIFICATION, CORRECTION or WITHDRAWAL
 * @param dueBy the deadline set by the policy
 * @param documentType root element name of {@code document} (AgencyNotification, SchoolNotification)
 * @param document the minimised, schema-valid XML, UTF-8
 * @param title the mail title (interfaces.md "Mail"), e.g. "Domestic abuse notification"
 * @param text the text/plain rendering for people: first line OFFICIAL-SENSITIVE, last paragraph the handling instruction
 * @param profile the minimisation profile and its version, e.g. {@code health@1}
 * @param fieldsShared element paths that went to the recipient (names, never values)
 * @param fieldsDropped element paths the profile removed
 * @param lawfulBasis the lawful basis text of the policy
 * @param replaces for a CORRECTION or WITHDRAWAL, the reference of the output this recipient received
 *     and this one replaces; null for a NOTIFICATION or REQUEST
 * @param childIndex for a school NOTIFICATION or CORRECTION, the position (0-based) of its child among
 *     the Child elements of the police document it was built from; null otherwise
 * @param riskLevel for an agency's NOTIFICATION or CORRECTION, the incident's RiskLevel as the
 *     document it carries states it (HIGH, MEDIUM, STANDARD), read once as the share is built; null
 *     when the document states none, and for other shares
 */
public record RecipientShare(
        RecipientType recipientType,
        String recipient,
        String reference,
        String kind,
        Instant dueBy,
        String documentType,
        byte[] document,
        String title,
        String text,
        String profile,
        List<String> fieldsShared,
        List<String> fieldsDropped,
        String lawfulBasis,
        String replaces,
        Integer childIndex,
        String riskLevel) {

    public RecipientShare {
        document = document.clone();
        fieldsShared = List.copyOf(fieldsShared);
        fieldsDropped = List.copyOf(fieldsDropped);
    }

    /** A share that replaces nothing and is about no child's school: an agency notification or request. */
    public RecipientShare(RecipientType recipientType, String recipient, String reference, String kind, Instant dueBy,
            String documentType, byte[] document, String title, String text, String profile, List<String> fieldsShared,
            List<String> fieldsDropped, String lawfulBasis) {
        this(recipientType, recipient, reference, kind, dueBy, documentType, document, title, text, profile,
                fieldsShared, fieldsDropped, lawfulBasis, null, null, null);
    }

    @Override
    public byte[] document() {
        return document.clone();
    }
}
