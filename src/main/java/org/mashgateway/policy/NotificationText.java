package org.mashgateway.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mashgateway.classification.Classification;
import org.mashgateway.xml.Elements;
import org.w3c.dom.Element;

/**
 * The plain-text rendering of an agency notification for the people who read the mail: first line
 * OFFICIAL-SENSITIVE, the gateway's reference, kind and deadline, for a correction a plain sentence
 * naming the reference it replaces, then the minimised police document in words, and last the
 * handling instruction. A withdrawal says which reference is withdrawn, by whom and why.
 *
 * <p>It is rendered from the minimised document only, so it can show nothing the profile dropped;
 * and it walks whatever that document holds, so a field a profile starts to allow is shown too.
 */
final class NotificationText {

    /** Words for element names whose split camel case would read badly. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("NotificationId", "Police notification id"),
            Map.entry("Supersedes", "Corrects police notification"),
            Map.entry("Withdraws", "Withdraws police notification"),
            Map.entry("CreatedAt", "Created at"),
            Map.entry("DateTime", "Date and time"),
            Map.entry("Location", "Place"),
            Map.entry("DashScore", "DASH score"),
            Map.entry("RiskAssessmentTool", "Risk assessment tool"),
            Map.entry("NhsNumber", "NHS number"),
            Map.entry("PncId", "PNC id"),
            Map.entry("WelfareCheck", "Seen by police (welfare check)"),
            Map.entry("OfficerInCase", "Officer in case"));

    private NotificationText() {
    }

    /**
     * @param replaces the reference a CORRECTION replaces; null for a NOTIFICATION
     * @param notification the minimised DomesticAbuseNotification element
     * @param dueBy the deadline as written in the document
     */
    static String render(String title, String reference, String kind, String replaces, String dueBy, String recipient,
            Element notification, String handlingInstruction) {
        List<String> lines = header(title, reference, kind, replaces, dueBy, recipient);
        if (replaces != null) {
            lines.add("");
            lines.add("This is a correction. It replaces the notification you received with reference " + replaces
                    + ": use this one instead.");
        }
        Element incident = child(notification, "Incident");
        Element risk = incident == null ? null : child(incident, "RiskLevel");
        if (risk != null) {
            lines.add("Risk level: " + risk.getTextContent());
        }
        List<String> simple = new ArrayList<>();
        List<List<String>> sections = new ArrayList<>();
        for (Element child : children(notification)) {
            if (children(child).isEmpty()) {
                simple.add(label(child) + ": " + value(child));
            } else {
                List<String> section = new ArrayList<>();
                section.add(heading(child));
                for (Element field : children(child)) {
                    if (field != risk) {
                        section.add("  " + label(field) + ": " + value(field));
                    }
                }
                sections.add(section);
            }
        }
        if (!simple.isEmpty()) {
            lines.add("");
            lines.addAll(simple);
        }
        for (List<String> section : sections) {
            lines.add("");
            lines.addAll(section);
        }
        lines.add("");
        lines.add(handlingInstruction);
        return String.join("\n", lines) + "\n";
    }

    /**
     * The text of a WITHDRAWAL for an agency: the reference withdrawn, the force that withdrew it
     * and, because agencies may see it (decision 0002), the police's reason.
     *
     * @param withdrawal the NotificationWithdrawal element
     */
    static String renderWithdrawal(String title, String reference, String replaces, String dueBy, String recipient,
            String forceName, Element withdrawal, String handlingInstruction) {
        List<String> lines = header(title, reference, "WITHDRAWAL", replaces, dueBy, recipient);
        lines.add("");
        lines.add(forceName + " has withdrawn the notification you received with reference " + replaces
                + ". Do not act on it further.");
        lines.add("");
        for (Element field : children(withdrawal)) {
            lines.add(label(field) + ": " + value(field));
        }
        lines.add("");
        lines.add(handlingInstruction);
        return String.join("\n", lines) + "\n";
    }

    private static List<String> header(String title, String reference, String kind, String replaces, String dueBy,
            String recipient) {
        List<String> lines = new ArrayList<>();
        lines.add(Classification.OFFICIAL_SENSITIVE.marking());
        lines.add("");
        lines.add(title);
        lines.add("Reference: " + reference);
        lines.add("Kind: " + kind);
        if (replaces != null) {
            lines.add("Replaces: " + replaces);
        }
        lines.add("For: " + recipient);
        lines.add("Due by: " + dueBy);
        return lines;
    }

    private static String heading(Element section) {
        String label = label(section);
        return switch (section.getLocalName()) {
            case "Victim", "Perpetrator", "Child" -> label + (section.hasAttribute("id") ? " (" + section.getAttribute("id") + ")" : "");
            default -> label;
        };
    }

    /** The value in words: names and addresses joined, booleans as yes/no, attributes in brackets. */
    private static String value(Element field) {
        List<Element> parts = children(field);
        String text;
        if (parts.isEmpty()) {
            text = switch (field.getTextContent()) {
                case "true" -> "yes";
                case "false" -> "no";
                default -> field.getTextContent();
            };
        } else {
            List<String> words = new ArrayList<>();
            for (Element part : parts) {
                words.add(part.getTextContent());
            }
            text = String.join(field.getLocalName().equals("Name") ? " " : ", ", words);
        }
        if (field.hasAttribute("code")) {
            text = text + " (" + field.getAttribute("code") + ")";
        }
        if (field.hasAttribute("urn")) {
            text = (text.isEmpty() ? "" : text + " ") + "(URN " + field.getAttribute("urn") + ")";
        }
        return text;
    }

    private static String label(Element element) {
        String name = element.getLocalName();
        String known = LABELS.get(name);
        if (known != null) {
            return known;
        }
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i > 0 && Character.isUpperCase(c)) {
                words.append(' ').append(Character.toLowerCase(c));
            } else {
                words.append(c);
            }
        }
        return words.toString();
    }

    private static Element child(Element parent, String localName) {
        return Elements.child(parent, localName).orElse(null);
    }

    private static List<Element> children(Element parent) {
        return Elements.children(parent);
    }
}
