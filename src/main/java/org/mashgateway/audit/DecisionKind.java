package org.mashgateway.audit;

/** What the gateway decided or observed about a message for one recipient (or for the message as a whole). */
public enum DecisionKind {
    /** A document was accepted at ingress and the gateway has taken responsibility for it. */
    ACCEPTED,
    /** A minimised copy is to go to a recipient. */
    SHARED,
    /** A recipient class was considered and deliberately not sent anything (with a reason code). */
    NOT_SHARED,
    /** A response held confidential information: only the marker was passed on. */
    WITHHELD_CONFIDENTIAL,
    /** A document was refused at ingress. */
    REJECTED,
    /** A document was set aside for a person to look at (forged, undecryptable, unexpected). */
    QUARANTINED,
    /** A recipient's mail server or queue accepted the message. */
    DELIVERED,
    /** Delivery to a recipient failed for good. */
    FAILED,
    /** A recipient confirmed receipt. */
    ACKNOWLEDGED,
    /** A correction was sent in place of an earlier message. */
    CORRECTED,
    /** A withdrawal was sent for an earlier message. */
    WITHDRAWN,
    /** A stored message body and its key were destroyed under the retention rule. */
    DESTROYED,
    /** An auditor opened a message's content; the reason is recorded as a reason code. */
    CONTENT_VIEWED,
    /** An auditor searched the record for a subject; the subject key is recorded, never the name or date of birth. */
    SUBJECT_SEARCHED,
    /**
     * An auditor exported every decision about a subject (a subject-access report); the reason is
     * recorded as a reason code, and the document type says whether the documents' content went in.
     */
    SUBJECT_EXPORTED
}
