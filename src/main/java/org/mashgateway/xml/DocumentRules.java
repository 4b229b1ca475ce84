package org.mashgateway.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The rules of messages.md that XSD 1.0 cannot express, checked on each element once it is
 * complete: the NHS number check digit, which elements each {@code Kind} of school and agency
 * notification carries, and when a sharing decision needs a Rationale.
 */
final class DocumentRules {

    /** A broken rule: its reason code and a message naming the element, never its value. */
    record Violation(RejectionReason reason, String message) {
    }

    private static final String SCHOOL = DocumentType.SCHOOL_NOTIFICATION.namespace();
    private static final String AGENCY = DocumentType.AGENCY_NOTIFICATION.namespace();
    private static final String EXCHANGE = DocumentType.INFORMATION_RESPONSE.namespace();
    private static final String DA = DocumentType.DA_NOTIFICATION.namespace();

    private static final List<String> SCHOOL_INCIDENT_ELEMENTS = List.of(
            "IncidentDateTime", "IncidentLocation", "Child", "AllegedPerpetrator", "AllegedVictim", "WelfareCheckMade");
    private static final Set<String> KINDS = Set.of("NOTIFICATION", "CORRECTION", "WITHDRAWAL");

    private DocumentRules() {
    }

    /** The rules broken by {@code element}, whose content is complete. */
    static List<Violation> check(Element element) {
        String namespace = element.getNamespaceURI();
        if (namespace == null || !DocumentType.isGatewayNamespace(namespace)) {
            return List.of();
        }
        return switch (element.getLocalName()) {
            case "NhsNumber" -> checkNhsNumber(element);
            case "SchoolNotification" -> SCHOOL.equals(namespace) ? checkSchoolKind(element) : List.of();
            case "AgencyNotification" -> AGENCY.equals(namespace) ? checkAgencyKind(element) : List.of();
            case "SharingDecision" -> EXCHANGE.equals(namespace) ? checkRationale(element) : List.of();
            default -> List.of();
        };
    }

    /**
     * NHS number modulus 11: the first nine digits weighted 10 down to 2, summed; 11 minus the
     * remainder by 11 is the check digit, 11 meaning 0 and 10 meaning no valid number.
     */
    static boolean hasValidCheckDigit(String nhsNumber) {
        if (!nhsNumber.matches("[0-9]{10}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nhsNumber.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == nhsNumber.charAt(9) - '0';
    }

    private static List<Violation> checkNhsNumber(Element element) {
        String value = element.getTextContent();
        // a value that is not ten digits already breaks the schema pattern and is reported there
        if (value.matches("[0-9]{10}") && !hasValidCheckDigit(value)) {
            return List.of(new Violation(RejectionReason.INVALID_NHS_NUMBER,
                    "NhsNumber: the check digit is wrong (modulus 11); the number is mistyped or is not an NHS number"));
        }
        return List.of();
    }

    private static List<Violation> checkSchoolKind(Element root) {
        String kind = childText(root, "Kind");
        if (!KINDS.contains(kind)) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        checkReplaces(root, kind, "SchoolNotification", violations);
        for (String name : SCHOOL_INCIDENT_ELEMENTS) {
            boolean present = child(root, name) != null;
            if (kind.equals("WITHDRAWAL") && present) {
                violations.add(schema("SchoolNotification: a WITHDRAWAL must not carry " + name
                        + "; it carries only Reference, Kind, Replaces, Classification, SafeguardingContact and HandlingInstruction"));
            } else if (!kind.equals("WITHDRAWAL") && !present) {
                violations.add(schema("SchoolNotification: a " + kind + " must carry " + name));
            }
        }
        return violations;
    }

    private static List<Violation> checkAgencyKind(Element root) {
        String kind = childText(root, "Kind");
        if (!KINDS.contains(kind)) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        checkReplaces(root, kind, "AgencyNotification", violations);
        Element notification = child(root, DA, "DomesticAbuseNotification");
        if (kind.equals("WITHDRAWAL") && notification != null) {
            violations.add(schema("AgencyNotification: a WITHDRAWAL must not carry a DomesticAbuseNotification"));
        } else if (!kind.equals("WITHDRAWAL") && notification == null) {
            violations.add(schema("AgencyNotification: a " + kind + " must carry the DomesticAbuseNotification"));
        }
        return violations;
    }

    private static void checkReplaces(Element root, String kind, String rootName, List<Violation> violations) {
        boolean replaces = child(root, "Replaces") != null;
        if (kind.equals("NOTIFICATION") && replaces) {
            violations.add(schema(rootName + ": a NOTIFICATION must not carry Replaces"));
        } else if (!kind.equals("NOTIFICATION") && !replaces) {
            violations.add(schema(rootName + ": a " + kind + " must carry Replaces (the reference it "
                    + (kind.equals("CORRECTION") ? "corrects" : "withdraws") + ")"));
        }
    }

    private static List<Violation> checkRationale(Element decision) {
        String outcome = childText(decision, "Decision");
        String consent = childText(decision, "Consent");
        boolean needed = consent.equals("REFUSED") || consent.equals("NOT_SOUGHT")
                || (!outcome.isEmpty() && !outcome.equals("SHARED"));
        if (needed && child(decision, "Rationale") == null) {
            return List.of(schema("SharingDecision: a Rationale is required when Consent is REFUSED or NOT_SOUGHT"
                    + " or the Decision is not SHARED"));
        }
        return List.of();
    }

    private static Violation schema(String message) {
        return new Violation(RejectionReason.SCHEMA_INVALID, message);
    }

    private static Element child(Element parent, String localName) {
        return child(parent, parent.getNamespaceURI(), localName);
    }

    private static Element child(Element parent, String namespace, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element candidate
                    && localName.equals(candidate.getLocalName())
                    && namespace.equals(candidate.getNamespaceURI())) {
                return candidate;
            }
        }
        return null;
    }

    private static String childText(Element parent, String localName) {
        Element child = child(parent, localName);
        return child == null ? "" : child.getTextContent();
    }
}
