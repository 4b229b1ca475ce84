package org.mashgateway.policy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mashgateway.classification.Classification;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.Elements;
import org.w3c.dom.Element;

/**
 * The plain-text rendering of a SchoolNotification for a designated safeguarding lead reading it
 * on a phone: first line OFFICIAL-SENSITIVE, then the very fields of the document in plain words
 * (dates written out, the time in UK time), and last the handling instruction. A correction says
 * first which reference it replaces; a withdrawal says only which reference is withdrawn, never why.
 *
 * <p>It is rendered from the built SchoolNotification only, so it can say nothing the document
 * does not hold: no risk level, no circumstances.
 */
final class SchoolNotificationText {

    private static final String NS = DocumentType.SCHOOL_NOTIFICATION.namespace();
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK);

    private SchoolNotificationText() {
    }

    static String render(String title, Element notification) {
        List<String> lines = new ArrayList<>();
        lines.add(Classification.OFFICIAL_SENSITIVE.marking());
        lines.add("");
        lines.add(title);
        lines.add("Reference: " + text(notification, "Reference"));
        String kind = text(notification, "Kind");
        lines.add("Kind: " + kind);
        String replaces = text(notification, "Replaces");
        if (!replaces.isEmpty()) {
            lines.add("Replaces: " + replaces);
        }
        lines.add("");
        if (kind.equals("WITHDRAWAL")) {
            lines.add("The police have withdrawn the notification you received with reference " + replaces
                    + ". Do not act on it further.");
            contact(lines, notification);
            return String.join("\n", lines) + "\n";
        }
        if (kind.equals("CORRECTION")) {
            lines.add("This is a correction. It replaces the notification you received with reference " + replaces
                    + ": use this one instead.");
            lines.add("");
        }
        Element dateTime = child(notification, "IncidentDateTime");
        if (dateTime != null) {
            OffsetDateTime at = OffsetDateTime.parse(dateTime.getTextContent());
            lines.add("Incident: " + DAY.format(at.atZoneSameInstant(LONDON)) + " at "
                    + TIME.format(at.atZoneSameInstant(LONDON)) + " (UK time)");
        }
        Element location = child(notification, "IncidentLocation");
        if (location != null) {
            lines.add("Where: " + location.getTextContent());
        }
        Element child = child(notification, "Child");
        Element dateOfBirth = child == null ? null : child(child, "DateOfBirth");
        lines.add("Child: " + name(child) + (dateOfBirth == null ? ""
                : ", born " + DATE.format(LocalDate.parse(dateOfBirth.getTextContent()))));
        for (Element perpetrator : children(notification, "AllegedPerpetrator")) {
            lines.add("Alleged perpetrator: " + name(perpetrator));
        }
        for (Element victim : children(notification, "AllegedVictim")) {
            lines.add("Alleged victim: " + name(victim));
        }
        Element welfareCheck = child(notification, "WelfareCheckMade");
        if (welfareCheck != null) {
            boolean seen = Boolean.parseBoolean(welfareCheck.getTextContent().strip())
                    || "1".equals(welfareCheck.getTextContent().strip());
            lines.add("Seen by police (welfare check): " + (seen ? "yes" : "no"));
        }
        contact(lines, notification);
        return String.join("\n", lines) + "\n";
    }

    /** The safeguarding contact, then the handling instruction as the last paragraph. */
    private static void contact(List<String> lines, Element notification) {
        Element contact = child(notification, "SafeguardingContact");
        lines.add("");
        lines.add("Contact: " + text(contact, "Team"));
        lines.add("Phone: " + text(contact, "Phone"));
        lines.add("Email: " + text(contact, "Email"));
        lines.add("Safeguarding procedures: " + text(contact, "ProceduresUrl"));
        lines.add("");
        lines.add(text(notification, "HandlingInstruction"));
    }

    /** Given names then family name, with spaces. */
    private static String name(Element person) {
        Element name = person == null ? null : child(person, "Name");
        if (name == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Element part : children(name)) {
            parts.add(part.getTextContent());
        }
        return String.join(" ", parts);
    }

    private static String text(Element parent, String localName) {
        Element element = child(parent, localName);
        return element == null ? "" : element.getTextContent();
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
