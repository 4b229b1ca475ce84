package org.mashgateway.intake;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.Elements;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

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
        for (Element child : Elements.children(root)) {
            switch (child.getLocalName()) {
                case "Victim", "Perpetrator", "Child" -> subjects.add(subject(child));
                default -> { }
            }
        }
        return new NotificationFacts(
                Elements.text(root, "NotificationId").orElseThrow(),
                Elements.child(root, "SendingForce").map(e -> e.getAttribute("code")).orElseThrow(),
                Elements.text(root, replacesElement),
                Elements.text(root, "Classification").orElseThrow(),
                List.copyOf(subjects));
    }

    /** The part of a NotificationId before the first hyphen: the force that issued it. */
    String idPrefix() {
        int hyphen = notificationId.indexOf('-');
        return hyphen < 0 ? notificationId : notificationId.substring(0, hyphen);
    }

    static Subject subject(Element person) {
        Element name = Elements.child(person, "Name").orElseThrow();
        List<String> given = new ArrayList<>();
        String family = "";
        for (Element part : Elements.children(name)) {
            if (part.getLocalName().equals("Given")) {
                given.add(part.getTextContent().strip());
            } else if (part.getLocalName().equals("Family")) {
                family = part.getTextContent().strip();
            }
        }
        LocalDate dateOfBirth = Elements.text(person, "DateOfBirth").map(LocalDate::parse).orElse(null);
        return new Subject(String.join(" ", given), family, dateOfBirth);
    }
}
