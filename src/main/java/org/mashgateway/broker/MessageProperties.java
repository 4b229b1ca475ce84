package org.mashgateway.broker;

/**
 * The JMS properties the gateway sets on what it puts on a queue (interfaces.md): references and
 * codes only, never content, so an admin can see what a message is without opening it.
 */
public final class MessageProperties {

    /** The gateway reference of the output (or of the quarantined document, when it has one). */
    public static final String REFERENCE = "MashReference";
    /** The document type, or for the quarantine the channel it came in by. */
    public static final String DOCUMENT_TYPE = "MashDocumentType";
    /** The classification marking: always OFFICIAL-SENSITIVE on output. */
    public static final String CLASSIFICATION = "MashClassification";
    /** NOTIFICATION, CORRECTION, WITHDRAWAL, … */
    public static final String KIND = "MashKind";
    /** Why a message is in the quarantine. */
    public static final String REASON_CODE = "MashReasonCode";

    private MessageProperties() {}
}
