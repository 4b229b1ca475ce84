package org.mashgateway.policy;

import java.util.List;
import java.util.stream.Collectors;
import org.mashgateway.classification.Classification;
import org.mashgateway.xml.DocumentRejectedException;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.XmlDocuments;
import org.mashgateway.xml.Elements;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds the SchoolNotification one school receives about one child (messages.md §3): the
 * gateway's reference, its Kind (and, for a CORRECTION, the reference it replaces),
 * OFFICIAL-SENSITIVE, then the incident's date, time and place, the child, the alleged
 * perpetrator(s) and victim(s) by name, whether police saw the child, the safeguarding contact and
 * the handling instruction, in that order and nothing else. A WITHDRAWAL carries only the
 * reference, Kind, Replaces, marking, contact and handling instruction (decision 0002): nothing of
 * the incident, the child, or the police's reason for withdrawing.
 *
 * <p>Every incident value is read from the police document as minimised by the school class's
 * profile, never from the original, so a field the profile does not allow cannot reach a school;
 * an element whose source the profile left out is left out too (the loader refuses a school profile
 * that would leave out one the SchoolNotification requires). Every document is checked against the
 * school-notification schema and its Kind rules before it is handed on; one that fails is never sent.
 */
final class SchoolNotificationBuilder {

    static final String DOCUMENT_TYPE = DocumentType.SCHOOL_NOTIFICATION.rootName();

    /**
     * The fields of the police document a SchoolNotification has a place for: the only paths a
     * school profile may list. Anything else (the occurrence reference, say) the schema of
     * messages.md §3 cannot carry, so a profile naming it is refused rather than silently ignored.
     */
    static final List<String> CARRIED_FIELDS = List.of(
            "/DomesticAbuseNotification/Incident/DateTime",
            "/DomesticAbuseNotification/Incident/Location/AddressLine",
            "/DomesticAbuseNotification/Incident/Location/Postcode",
            "/DomesticAbuseNotification/Child/Name/Given",
            "/DomesticAbuseNotification/Child/Name/Family",
            "/DomesticAbuseNotification/Child/DateOfBirth",
            "/DomesticAbuseNotification/Child/WelfareCheck",
            "/DomesticAbuseNotification/Perpetrator/Name/Given",
            "/DomesticAbuseNotification/Perpetrator/Name/Family",
            "/DomesticAbuseNotification/Victim/Name/Given",
            "/DomesticAbuseNotification/Victim/Name/Family");

    /** The one carried field a school profile may leave out: the place is then its address lines alone. */
    static final String OPTIONAL_FIELD = "/DomesticAbuseNotification/Incident/Location/Postcode";

    private static final String NS = DocumentType.SCHOOL_NOTIFICATION.namespace();
    private static final String DA = DocumentType.DA_NOTIFICATION.namespace();

    private final XmlDocuments xml;

    SchoolNotificationBuilder(XmlDocuments xml) {
        this.xml = xml;
    }

    /**
     * The validated SchoolNotification about {@code child}.
     *
     * @param notification the minimised DomesticAbuseNotification element
     * @param child one Child element of {@code notification}
     * @param recipient the school's URN, named (alone) in the message of a schema failure
     * @throws IllegalStateException if the built document breaks the school-notification schema;
     *     the message names the school and the failing elements, never a value
     */
    Document build(String reference, Element notification, Element child, SafeguardingContact contact,
            String handlingInstruction, String recipient) {
        return build(reference, null, notification, child, contact, handlingInstruction, recipient);
    }

    /**
     * The validated SchoolNotification about {@code child}: a NOTIFICATION when {@code replaces} is
     * null, else a CORRECTION of the reference the school received.
     */
    Document build(String reference, String replaces, Element notification, Element child,
            SafeguardingContact contact, String handlingInstruction, String recipient) {
        Document document = start(reference, replaces == null ? "NOTIFICATION" : "CORRECTION", replaces);
        Element root = document.getDocumentElement();
        Element incident = child(notification, "Incident");
        Element dateTime = child(incident, "DateTime");
        if (dateTime != null) {
            append(root, "IncidentDateTime", dateTime.getTextContent());
        }
        Element location = child(incident, "Location");
        if (location != null) {
            append(root, "IncidentLocation", children(location).stream()
                    .map(Element::getTextContent).collect(Collectors.joining(", ")));
        }
        Element schoolChild = append(root, "Child", null);
        name(schoolChild, child(child, "Name"));
        Element dateOfBirth = child(child, "DateOfBirth");
        if (dateOfBirth != null) {
            append(schoolChild, "DateOfBirth", dateOfBirth.getTextContent());
        }
        for (Element perpetrator : children(notification, "Perpetrator")) {
            name(append(root, "AllegedPerpetrator", null), child(perpetrator, "Name"));
        }
        for (Element victim : children(notification, "Victim")) {
            name(append(root, "AllegedVictim", null), child(victim, "Name"));
        }
        Element welfareCheck = child(child, "WelfareCheck");
        if (welfareCheck != null) {
            append(root, "WelfareCheckMade", welfareCheck.getTextContent());
        }
        return finish(document, contact, handlingInstruction, recipient);
    }

    /**
     * The validated WITHDRAWAL of the reference the school received: it names that reference and
     * says nothing else of what is withdrawn, nor why.
     */
    Document buildWithdrawal(String reference, String replaces, SafeguardingContact contact,
            String handlingInstruction, String recipient) {
        return finish(start(reference, "WITHDRAWAL", replaces), contact, handlingInstruction, recipient);
    }

    private static Document start(String reference, String kind, String replaces) {
        Document document = XmlDocuments.newDocument(NS, "SchoolNotification");
        Element root = document.getDocumentElement();
        root.setAttributeNS(null, "version", "1.0");
        append(root, "Reference", reference);
        append(root, "Kind", kind);
        if (replaces != null) {
            append(root, "Replaces", replaces);
        }
        append(root, "Classification", Classification.OFFICIAL_SENSITIVE.marking());
        return document;
    }

    private Document finish(Document document, SafeguardingContact contact, String handlingInstruction,
            String recipient) {
        Element root = document.getDocumentElement();
        Element safeguarding = append(root, "SafeguardingContact", null);
        append(safeguarding, "Team", contact.team());
        append(safeguarding, "Phone", contact.phone());
        append(safeguarding, "Email", contact.email());
        append(safeguarding, "ProceduresUrl", contact.proceduresUrl());
        append(root, "HandlingInstruction", handlingInstruction);
        try {
            xml.validate(DocumentType.SCHOOL_NOTIFICATION, document);
        } catch (DocumentRejectedException invalid) {
            throw new IllegalStateException("the SchoolNotification built for school " + recipient
                    + " breaks its schema (" + invalid.reason() + "): " + invalid.errors().stream()
                            .map(error -> error.element() + " " + error.message())
                            .collect(Collectors.joining("; ")));
        }
        return document;
    }

    /** Copies the Given and Family names the profile kept into a Name of the school namespace. */
    private static void name(Element parent, Element source) {
        if (source == null) {
            return;
        }
        Element name = append(parent, "Name", null);
        for (Element part : children(source)) {
            append(name, part.getLocalName(), part.getTextContent());
        }
    }

    private static Element append(Element parent, String name, String text) {
        Element element = parent.getOwnerDocument().createElementNS(NS, name);
        if (text != null) {
            element.setTextContent(text);
        }
        parent.appendChild(element);
        return element;
    }

    private static Element child(Element parent, String localName) {
        return Elements.child(parent, localName).orElse(null);
    }

    private static List<Element> children(Element parent, String localName) {
        return Elements.children(parent, localName);
    }

    private static List<Element> children(Element parent) {
        return Elements.children(parent);
    }
}
