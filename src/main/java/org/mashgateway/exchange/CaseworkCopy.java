package org.mashgateway.exchange;

import java.nio.charset.StandardCharsets;
import org.mashgateway.xml.DocumentRejectedException;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.Elements;
import org.mashgateway.xml.XmlDocuments;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The InformationResponse as the MASH case system receives it. Every ConfidentialInformationHeld
 * keeps who holds the information and whom to contact (HeldBy, ContactRole); its Reason is replaced
 * by {@link #WITHHELD_REASON}, so the agency's own words about the confidential matter never leave
 * the gateway while the document stays schema-valid. A processing instruction before the root,
 * {@code <?mash-gateway reference="…" request-reference="…" late="true|false"?>}, carries what the
 * gateway adds: its references and whether the response came after RespondBy. Schema validation
 * ignores processing instructions, so the document is still a plain InformationResponse.
 */
final class CaseworkCopy {

    static final String WITHHELD_REASON = "Withheld by the MASH gateway: ask the ContactRole at HeldBy.";

    static final String INSTRUCTION_TARGET = "mash-gateway";

    private final XmlDocuments xml;

    CaseworkCopy(XmlDocuments xml) {
        this.xml = xml;
    }

    /** The casework document for a validated response; the response itself is left untouched. */
    byte[] of(Document response, String caseworkReference, String requestReference, boolean late) {
        Document copy = (Document) response.cloneNode(true);
        Element root = copy.getDocumentElement();
        for (Element subject : Elements.children(root, "SubjectResponse")) {
            Elements.child(subject, "ConfidentialInformationHeld", "Reason")
                    .ifPresent(reason -> reason.setTextContent(WITHHELD_REASON));
        }
        try {
            xml.validate(DocumentType.INFORMATION_RESPONSE, copy);
        } catch (DocumentRejectedException e) {
            // The response was valid on arrival and only fixed text changed: this is a gateway fault.
            throw new IllegalStateException("the casework copy breaks its schema: " + e.reason(), e);
        }
        String instruction = "<?" + INSTRUCTION_TARGET + " reference=\"" + caseworkReference + "\" request-reference=\""
                + requestReference + "\" late=\"" + late + "\"?>\n";
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + instruction
                + new String(xml.canonicalForm(copy), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    /** The rendering for people at the case system: references and the late flag, no content. */
    static String text(String caseworkReference, String requestReference, String fromAgency, boolean late) {
        return "OFFICIAL-SENSITIVE\n\nInformation response\n"
                + "Reference: " + caseworkReference + '\n'
                + "In answer to request: " + requestReference + '\n'
                + "From agency: " + fromAgency + '\n'
                + (late ? "Received late: after the request's RespondBy.\n" : "")
                + "\nThe response is attached as XML. Confidential information held by an agency is shown only as "
                + "who holds it and whom to contact.\n\n" + InformationResponseIntake.HANDLING_INSTRUCTION + '\n';
    }
}
