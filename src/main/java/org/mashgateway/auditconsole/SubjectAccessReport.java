package org.mashgateway.auditconsole;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.mashgateway.audit.ChainVerification;
import org.mashgateway.audit.DecisionRecord;
import org.mashgateway.auditconsole.StoredContent.Content;

/**
 * Every decision the gateway recorded about one subject, for a data-protection officer answering a
 * subject access request: the rows in the order they were recorded, the result of verifying the
 * chain they are in, and (only when the auditor asked for it, with a reason) the content of the
 * documents the rows name that the gateway still holds.
 *
 * @param subject the subject as the auditor typed it (the report is the subject's own: it is shown
 *     in the report and nowhere else, never logged or stored)
 * @param from first day of the period asked for (UK time), or null for no limit
 * @param to last day of the period asked for (UK time), or null for no limit
 * @param exportRecordId the SUBJECT_EXPORTED decision that records this report (not among its rows)
 * @param contents the documents' content, in the order their references first appear; empty unless asked for
 */
record SubjectAccessReport(String subject, LocalDate from, LocalDate to, Instant generatedAt, String generatedBy,
        long exportRecordId, List<Row> rows, ChainVerification chain, boolean withContent, List<Content> contents) {

    SubjectAccessReport {
        rows = List.copyOf(rows);
        contents = List.copyOf(contents);
    }

    /** Whether the chain verification vouches for this row: intact, or broken only after it. */
    boolean verified(Row row) {
        return chain.ok() || (chain.firstBrokenRecordId() != null && row.record().recordId() < chain.firstBrokenRecordId());
    }

    /** What the gateway holds of a message a row names. */
    enum Held {
        /** The content is held (encrypted) and an auditor can view it for a recorded reason. */
        HELD,
        /** The content was destroyed under the retention rule; the decision record stays. */
        DESTROYED,
        /** Nothing was stored under the reference (a decision not to share, a search). */
        NOT_STORED
    }

    /**
     * One decision about the subject.
     *
     * @param concerns the gateway reference of the document about the subject this decision follows
     *     from (the notification or request whose outputs it is about)
     * @param recipientClass SCHOOL or AGENCY, or empty when the decision has no recipient
     * @param recipientName the recipient organisation's name in the directory, or empty
     * @param held what the gateway holds under the row's own reference
     */
    record Row(DecisionRecord record, String concerns, String recipientClass, String recipientName, Held held) {}
}
