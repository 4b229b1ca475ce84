package org.mashgateway.xml;

import java.util.Arrays;
import org.w3c.dom.Document;

/**
 * A document that passed every check: its type, its DOM (whitespace between elements removed)
 * and its canonical form, the bytes that decide whether a resent document is the same one.
 */
public record ParsedDocument(DocumentType type, Document document, byte[] canonicalForm) {

    public ParsedDocument {
        canonicalForm = canonicalForm.clone();
    }

    /** A copy of the canonical UTF-8 bytes. */
    @Override
    public byte[] canonicalForm() {
        return canonicalForm.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParsedDocument that
                && type == that.type
                && Arrays.equals(canonicalForm, that.canonicalForm);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(canonicalForm);
    }

    @Override
    public String toString() {
        return "ParsedDocument[" + type + ", " + canonicalForm.length + " canonical bytes]";
    }
}
