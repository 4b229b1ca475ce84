package org.mashgateway.xml;

/**
 * Why a document was refused, as a fixed code for problem responses, quarantine records and
 * alerts. {@link #CLASSIFICATION_NOT_PERMITTED} is a potential breach: callers raise a security
 * alert for it.
 */
public enum RejectionReason {
    /** Larger than {@code mash.ingress.max-bytes}; refused before parsing. */
    TOO_LARGE,
    /** Not well-formed XML 1.0. */
    NOT_WELL_FORMED,
    /** Carries a DOCTYPE: DTDs, and so entity declarations, are never accepted. */
    DTD_FORBIDDEN,
    /** Nested deeper than {@code mash.ingress.max-depth}. */
    TOO_DEEP,
    /** The root element (namespace and name) is not a gateway document. */
    UNKNOWN_DOCUMENT,
    /** Breaks the document's schema or a structural rule the schema cannot express. */
    SCHEMA_INVALID,
    /** An NhsNumber whose modulus 11 check digit is wrong. */
    INVALID_NHS_NUMBER,
    /** Marked above OFFICIAL-SENSITIVE (e.g. SECRET): the gateway is not accredited for it. */
    CLASSIFICATION_NOT_PERMITTED
}
