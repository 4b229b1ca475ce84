package org.mashgateway.intake;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mashgateway.xml.DocumentType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the intake needs to know of a schema-valid police notification or withdrawal: its ids,
 * who claims to send it, its marking, and the people in it (only to compute subject keys).
 */
record NotificationFacts(
        String notificationId,
        String sendingForceCode,
        Optional<String> replaces,
        String classification,
        List<Subject> subjects) {

    /** A person named in the document, reduced to what a subject key is computed from. */
    record Subject(String givenNames, String familyName, LocalDate dateOfBirth) {}

    static NotificationFacts of(DocumentType type, Document document) {
        Element root = document.getDocumentElement();
        String replacesElement = type == DocumentType.NOTIFICATION_WITHDRAWAL ? "Withdraws" : "Supersedes";
        List<Subject> subjects = new ArrayList<>();
        for (Element child : children(root)) {
            switch (child.getLocalName()) {
                case "Victim", "Perpetrator", "Child" -> subjects.add(subject(child));
                default -> { }
            }
        }
        return new NotificationFacts(
                text(root, "NotificationId").orElseThrow(),
                firstChild(root, "SendingForce").map(e -> e.getAttribute("code")).orElseThrow(),
                text(root, replacesElement),
                text(root, "Classification").orElseThrow(),
                List.copyOf(subjects));
    }

    /** The part of a NotificationId before the first hyphen: the force that issued it. */
    String idPrefix() {
        int hyphen = notificationId.indexOf('-');
        return hyphen < 0 ? notificationId : notificationId.substring(0, hyphen);
    }

    static Subject subject(Element person) {
        Element name = firstChild(person, "Name").orElseThrow();
        List<String> given = new ArrayList<>();
        String family = "";
        for (Element part : children(name)) {
            if (part.getLocalName().equals("Given")) {
                given.add(part.getTextContent().strip());
            } else if (part.getLocalName().equals("Family")) {
                family = part.getTextContent().strip();
            }
        }
        LocalDate dateOfBirth = text(person, "DateOfBirth").map(LocalDate::parse).orElse(null);
        return new Subject(String.join(" ", given), family, dateOfBirth);
    }

    static Optional<String> text(Element parent, String localName) {
        return firstChild(parent, localName).map(e -> e.getTextContent().strip());
    }

    static Optional<Element> firstChild(Element parent, String localName) {
        return children(parent).stream().filter(e -> e.getLocalName().equals(localName)).findFirst();
    }

    static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }
}
