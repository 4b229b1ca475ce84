package org.mashgateway.xml;

import java.util.List;
import java.util.Optional;

/**
 * A document the gateway refuses, with the reason code and the problems found. Its message
 * holds only the code and a count, so it is safe to log.
 */
public class DocumentRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;
    private final transient List<XmlError> errors;
    private final DocumentType documentType;

    DocumentRejectedException(RejectionReason reason, DocumentType documentType, List<XmlError> errors) {
        super("document rejected: " + reason + " (" + errors.size() + " error(s))", null, false, false);
        this.reason = reason;
        this.documentType = documentType;
        this.errors = List.copyOf(errors);
    }

    /** The fixed code saying why the document was refused. */
    public RejectionReason reason() {
        return reason;
    }

    /** The problems found, at most {@link XmlDocuments#MAX_REPORTED_ERRORS}, in document order. */
    public List<XmlError> errors() {
        return errors;
    }

    /** The document's type when its root element was recognised before it was refused. */
    public Optional<DocumentType> documentType() {
        return Optional.ofNullable(documentType);
    }
}
