package org.mashgateway.policy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;
import org.mashgateway.classification.Classification;
import org.mashgateway.directory.Agency;
import org.mashgateway.xml.DocumentRejectedException;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.XmlDocuments;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Builds the AgencyNotification one agency receives (messages.md §4): the gateway's reference,
 * its Kind (and, for a CORRECTION or WITHDRAWAL, the reference it replaces), OFFICIAL-SENSITIVE,
 * the agency, DueBy and lawful basis, then the police document embedded in its own namespace with
 * its own Classification raised to OFFICIAL-SENSITIVE: the minimised DomesticAbuseNotification
 * (NOTIFICATION, CORRECTION) or the NotificationWithdrawal (WITHDRAWAL, decision 0002). Every document is checked against the agency-notification schema before it
 * is handed on; one that fails is never sent.
 */
final class AgencyNotificationBuilder {

    static final String DOCUMENT_TYPE = DocumentType.AGENCY_NOTIFICATION.rootName();

    /** xs:dateTime with seconds and zone, as the schema's DateTime requires ({@code Z} for UTC). */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private static final String NS = DocumentType.AGENCY_NOTIFICATION.namespace();
    private static final String DA = DocumentType.DA_NOTIFICATION.namespace();
    private static final byte[] DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8);

    private final XmlDocuments xml;

    AgencyNotificationBuilder(XmlDocuments xml) {
        this.xml = xml;
    }

    /**
     * The validated AgencyNotification for {@code agency}.
     *
     * @throws IllegalStateException if the built document breaks the agency-notification schema;
     *     the message names the agency and the failing elements, never a value
     */
    Document build(String reference, Agency agency, OffsetDateTime dueBy, String lawfulBasis, Document minimised) {
        return build(reference, "NOTIFICATION", null, agency, dueBy, lawfulBasis, minimised);
    }

    /**
     * The validated AgencyNotification of {@code kind} for {@code agency}.
     *
     * @param replaces the reference the agency received and this one replaces; null for a NOTIFICATION
     * @param embedded the minimised DomesticAbuseNotification, or the NotificationWithdrawal for a WITHDRAWAL
     */
    Document build(String reference, String kind, String replaces, Agency agency, OffsetDateTime dueBy,
            String lawfulBasis, Document embedded) {
        Document document = XmlDocuments.newDocument(NS, "AgencyNotification");
        Element root = document.getDocumentElement();
        root.setAttributeNS(null, "version", "1.0");
        append(root, "Reference", reference);
        append(root, "Kind", kind);
        if (replaces != null) {
            append(root, "Replaces", replaces);
        }
        append(root, "Classification", Classification.OFFICIAL_SENSITIVE.marking());
        append(root, "RecipientAgency", agency.name()).setAttributeNS(null, "code", agency.code());
        append(root, "DueBy", DATE_TIME.format(dueBy));
        append(root, "LawfulBasis", lawfulBasis);
        Element police = (Element) document.importNode(embedded.getDocumentElement(), true);
        raiseClassification(police);
        root.appendChild(police);
        try {
            xml.validate(DocumentType.AGENCY_NOTIFICATION, document);
        } catch (DocumentRejectedException invalid) {
            throw new IllegalStateException("the AgencyNotification built for agency " + agency.code()
                    + " breaks its schema (" + invalid.reason() + "): " + invalid.errors().stream()
                            .map(error -> error.element() + " " + error.message())
                            .collect(Collectors.joining("; ")));
        }
        return document;
    }

    /** The document as UTF-8 bytes, in the gateway's canonical form after an XML declaration. */
    byte[] bytes(Document document) {
        byte[] body = xml.canonicalForm(document);
        byte[] out = new byte[DECLARATION.length + body.length];
        System.arraycopy(DECLARATION, 0, out, 0, DECLARATION.length);
        System.arraycopy(body, 0, out, DECLARATION.length, body.length);
        return out;
    }

    /** Everything the gateway emits is OFFICIAL-SENSITIVE, the embedded police marking included. */
    private static void raiseClassification(Element notification) {
        for (Node node = notification.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && DA.equals(element.getNamespaceURI())
                    && "Classification".equals(element.getLocalName())) {
                Classification.fromMarking(element.getTextContent())
                        .ifPresent(marking -> element.setTextContent(marking.onOutput().marking()));
            }
        }
    }

    private static Element append(Element parent, String name, String text) {
        Element element = parent.getOwnerDocument().createElementNS(NS, name);
        element.setTextContent(text);
        parent.appendChild(element);
        return element;
    }
}
