package org.mashgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mashgateway.broker.FixedDirectory;
import org.mashgateway.schoolday.DemoSchoolDays;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.ParsedDocument;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Property: whatever a police notification holds, no value of a field outside the SDAT allow-list
 * ever reaches a school, neither in the SchoolNotification nor in its text; nor through a
 * correction of it (CORRECTION, or NOTIFICATION to a newly concerned school), nor through a
 * withdrawal, which carries no child's data and never the police's reason.
 *
 * <p>200 notifications are generated from fixed seeds (a failure names its seed and can be
 * replayed): every field filled, each free-text field with its own random letters-only token (so
 * a token found in the output can only have come from that field), numbers unique per field,
 * 1 to 3 victims and perpetrators and 1 to 4 children of mixed ages at two schools. For each school
 * share, the values of every field the school may not see, a sibling's name among them, must be
 * absent, and the document may hold no element but those of messages.md §3.
 */
class SchoolNotificationMinimisationTest {

    private static final Pattern GATEWAY_REFERENCE = Pattern.compile("MGW-[0-9A-Z]{26}");
    private static final Set<String> SCHOOL_ELEMENTS = Set.of("SchoolNotification", "Reference", "Kind",
            "Classification", "IncidentDateTime", "IncidentLocation", "Child", "Name", "Given", "Family",
            "DateOfBirth", "AllegedPerpetrator", "AllegedVictim", "WelfareCheckMade", "SafeguardingContact", "Team",
            "Phone", "Email", "ProceduresUrl", "HandlingInstruction", "SchoolNotification/@version");

    /** A CORRECTION or WITHDRAWAL also names the reference it replaces. */
    private static final Set<String> REPLACING_ELEMENTS = union(SCHOOL_ELEMENTS, Set.of("Replaces"));

    private final FixedDirectory directory = SchoolNotificationTest.withSchools(PolicyFixtures.directory());
    private final PolicyFixtures.Planning policy = PolicyFixtures.policy(directory, new PolicyFixtures.RecordedAlerts());

    static Stream<Long> seeds() {
        return IntStream.range(0, 200).mapToObj(i -> 20261120L + 7919L * i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noValueOfANonPermittedFieldEverReachesASchool(long seed) {
        Generated notification = new Generator(new Random(seed)).notification();
        ParsedDocument parsed = PolicyFixtures.parsed(notification.xml());

        SharingPlan plan = policy.planFor(parsed, "DERBYS");

        List<RecipientShare> schools = SchoolNotificationTest.schoolShares(plan);
        assertThat(schools).as("eligible children at known schools").hasSize(notification.eligible().size());
        for (int i = 0; i < schools.size(); i++) {
            RecipientShare share = schools.get(i);
            String xml = new String(share.document(), StandardCharsets.UTF_8);
            String child = notification.eligible().get(i);
            List<String> forbidden = new ArrayList<>(notification.forbidden());
            notification.childValues().forEach((other, values) -> {
                if (!other.equals(child)) {
                    forbidden.addAll(values);
                }
            });
            assertThat(maskReferences(xml)).as("document for seed %d", seed).doesNotContain(forbidden);
            assertThat(maskReferences(share.text())).as("text for seed %d", seed).doesNotContain(forbidden);
            assertThat(xml).contains(notification.childValues().get(child));
            assertThat(elementNames(xml)).isSubsetOf(SCHOOL_ELEMENTS);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noValueOfANonPermittedFieldNorAWithdrawalReasonReachesASchoolThroughACorrectionOrWithdrawal(long seed) {
        Random random = new Random(seed);
        Generated notification = new Generator(random).notification();
        ParsedDocument original = PolicyFixtures.parsed(notification.xml());
        SharingPlan first = policy.planFor(original, "DERBYS");
        // the correction: the same people, each child's school URN swapped at random (moved or unchanged)
        String supersedes = "DERBYS-SUPERSEDED" + seed;
        StringBuilder corrected = new StringBuilder();
        String[] parts = notification.xml().replace("</NotificationId>", "</NotificationId><Supersedes>" + supersedes
                + "</Supersedes>").split("<School urn=\"", -1);
        corrected.append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (random.nextBoolean()) {
                part = (part.startsWith("100001") ? "100002" : "100001") + part.substring(6);
            }
            corrected.append("<School urn=\"").append(part);
        }
        ParsedDocument correction = PolicyFixtures.parsed(corrected.toString());
        List<String> forbidden = new ArrayList<>(notification.forbidden());
        forbidden.add(supersedes);
        List<String> children = List.copyOf(notification.childValues().keySet());

        SharingPlan correctionPlan = policy.planCorrection(correction, "DERBYS", original, CorrectionPlanTest.held(first));

        for (RecipientShare share : SchoolNotificationTest.schoolShares(correctionPlan)) {
            String xml = new String(share.document(), StandardCharsets.UTF_8);
            List<String> notHers = new ArrayList<>(forbidden);
            String child = share.childIndex() == null ? null : children.get(share.childIndex());
            notification.childValues().forEach((other, values) -> {
                if (!other.equals(child)) {
                    notHers.addAll(values);
                }
            });
            assertThat(maskReferences(xml)).as("%s document for seed %d", share.kind(), seed).doesNotContain(notHers);
            assertThat(maskReferences(share.text())).as("%s text for seed %d", share.kind(), seed).doesNotContain(notHers);
            assertThat(elementNames(xml)).isSubsetOf(share.replaces() == null ? SCHOOL_ELEMENTS : REPLACING_ELEMENTS);
            if (share.kind().equals("WITHDRAWAL")) {
                assertThat(child).isNull();
            } else {
                assertThat(xml).contains(notification.childValues().get(child));
            }
        }

        String reason = "Withdrawn because of Zqxjkvwpty Mbrqglhnsd";
        String withdrawal = """
                <NotificationWithdrawal xmlns="urn:mash-gateway:da-notification:1" version="1.0">
                  <NotificationId>DERBYS-WITHDRAWAL%d</NotificationId><Withdraws>DERBYS-X</Withdraws>
                  <SendingForce code="DERBYS">Derbyshire Constabulary</SendingForce>
                  <Classification>OFFICIAL-SENSITIVE</Classification><CreatedAt>2026-11-21T10:00:00Z</CreatedAt>
                  <Reason>%s</Reason>
                </NotificationWithdrawal>""".formatted(seed, reason);
        List<String> noneOfIt = new ArrayList<>(forbidden);
        notification.childValues().values().forEach(noneOfIt::addAll);
        noneOfIt.addAll(List.of("Zqxjkvwpty", "Mbrqglhnsd", "DERBYS-WITHDRAWAL", "DERBYS-X"));

        SharingPlan withdrawalPlan = policy.planWithdrawal(PolicyFixtures.parsed(withdrawal), "DERBYS", correction,
                CorrectionPlanTest.held(correctionPlan));

        List<RecipientShare> withdrawals = SchoolNotificationTest.schoolShares(withdrawalPlan);
        assertThat(withdrawals).hasSameSizeAs(CorrectionPlanTest.held(correctionPlan).stream()
                .filter(held -> held.recipientType() == RecipientType.SCHOOL).toList());
        for (RecipientShare share : withdrawals) {
            String xml = new String(share.document(), StandardCharsets.UTF_8);
            assertThat(share.kind()).isEqualTo("WITHDRAWAL");
            assertThat(maskReferences(xml)).as("withdrawal for seed %d", seed).doesNotContain(noneOfIt);
            assertThat(maskReferences(share.text())).as("withdrawal text for seed %d", seed).doesNotContain(noneOfIt);
            assertThat(elementNames(xml)).isSubsetOf(Set.of("SchoolNotification", "Reference", "Kind", "Replaces",
                    "Classification", "SafeguardingContact", "Team", "Phone", "Email", "ProceduresUrl",
                    "HandlingInstruction", "SchoolNotification/@version"));
        }
    }

    private static Set<String> union(Set<String> one, Set<String> other) {
        Set<String> union = new HashSet<>(one);
        union.addAll(other);
        return Set.copyOf(union);
    }

    private static Set<String> elementNames(String xml) {
        try {
            Element root = PolicyFixtures.XML.read(xml.getBytes(StandardCharsets.UTF_8)).document().getDocumentElement();
            assertThat(root.getNamespaceURI()).isEqualTo(DocumentType.SCHOOL_NOTIFICATION.namespace());
            Set<String> names = new HashSet<>();
            collect(root, names);
            return names;
        } catch (Exception e) {
            throw new AssertionError("a school document must read back", e);
        }
    }

    private static void collect(Element element, Set<String> names) {
        names.add(element.getLocalName());
        for (int i = 0; i < element.getAttributes().getLength(); i++) {
            Node attribute = element.getAttributes().item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                names.add(element.getLocalName() + "/@" + attribute.getLocalName());
            }
        }
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                collect(child, names);
            }
        }
    }

    /**
     * A generated notification: its XML, the values no school may see, each child's own permitted
     * values by child id, and the ids of the children whose school is told, in document order.
     */
    /**
     * The gateway's own references masked: they are random base-32 and can spell a forbidden word
     * ("MGW-61T6MEESDASHK…" holds DASH), yet come from the gateway, never from the document.
     */
    private static String maskReferences(String shared) {
        return GATEWAY_REFERENCE.matcher(shared).replaceAll("MGW-REFERENCE");
    }

    record Generated(String xml, List<String> forbidden, Map<String, List<String>> childValues, List<String> eligible) {}

    /** Fills every field of a DomesticAbuseNotification with values unique to that field. */
    private static final class Generator {

        private static final String[] RISK_LEVELS = {"STANDARD", "MEDIUM", "HIGH"};
        private static final String[] GENDERS = {"FEMALE", "MALE", "OTHER", "UNKNOWN"};

        private final Random random;
        private final Set<String> used = new HashSet<>();
        private final List<String> forbidden = new ArrayList<>();

        Generator(Random random) {
            this.random = random;
        }

        Generated notification() {
            Instant incident = Instant.parse("2026-09-07T00:00:00Z").plusSeconds(random.nextInt(200 * 86_400));
            String notificationId = "DERBYS-" + hidden(token());
            String riskLevel = RISK_LEVELS[random.nextInt(3)];
            StringBuilder xml = new StringBuilder();
            xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                    .append("<DomesticAbuseNotification xmlns=\"urn:mash-gateway:da-notification:1\" version=\"1.0\">")
                    .append(el("NotificationId", notificationId))
                    .append("<SendingForce code=\"DERBYS\">").append(hidden(token())).append("</SendingForce>")
                    .append(el("Classification", random.nextBoolean() ? "OFFICIAL" : "OFFICIAL-SENSITIVE"))
                    .append(el("CreatedAt", hidden(incident.plusSeconds(3_600 + random.nextInt(7_200)).toString())))
                    .append("<Incident>")
                    .append(el("OccurrenceReference", hidden(token() + "/" + token())))
                    .append(el("DateTime", incident.toString()))
                    .append("<Location>").append(el("AddressLine", token())).append(el("AddressLine", token()))
                    .append(el("Postcode", "DE1 1AA")).append("</Location>")
                    .append(el("RiskLevel", riskLevel))
                    .append(el("RiskAssessmentTool", random.nextBoolean() ? "DASH" : "DARA"))
                    .append(el("DashScore", String.valueOf(random.nextInt(28))))
                    .append(el("Circumstances", hidden(token()) + " " + hidden(token()) + ". " + hidden(token())))
                    .append(el("WeaponUsed", String.valueOf(random.nextBoolean())))
                    .append(el("CourtOrderInForce", String.valueOf(random.nextBoolean())))
                    .append(el("CriticalRegister", String.valueOf(random.nextBoolean())))
                    .append("</Incident>");
            // words that only a dropped field could bring: the risk level, the tool, genders
            forbidden.addAll(List.of("STANDARD", "MEDIUM", "HIGH", "DASH", "DARA", "MALE", "OTHER", "UNKNOWN"));
            int victims = 1 + random.nextInt(3);
            for (int i = 1; i <= victims; i++) {
                xml.append(person("Victim", "v" + i, false));
            }
            int perpetrators = 1 + random.nextInt(3);
            for (int i = 1; i <= perpetrators; i++) {
                xml.append(person("Perpetrator", "p" + i, true));
            }
            Map<String, List<String>> childValues = new LinkedHashMap<>();
            List<String> eligible = new ArrayList<>();
            int children = 1 + random.nextInt(4);
            for (int i = 1; i <= children; i++) {
                String id = hidden("c" + token());
                String given = token();
                String family = token();
                // mostly of school age; some too young or too old
                LocalDate born = LocalDate.of(2005 + random.nextInt(21), 1 + random.nextInt(12), 1 + random.nextInt(28));
                while (!used.add(born.toString())) {
                    born = born.plusDays(1);
                }
                boolean school = random.nextInt(5) > 0;
                String urn = random.nextBoolean() ? "100001" : "100002";
                xml.append("<Child id=\"").append(id).append("\">")
                        .append("<Name>").append(el("Given", given)).append(el("Family", family)).append("</Name>")
                        .append(el("DateOfBirth", born.toString()))
                        .append(el("Gender", GENDERS[random.nextInt(4)]))
                        .append(el("NhsNumber", hidden(nhsNumber())))
                        .append(el("PresentAtIncident", String.valueOf(random.nextBoolean())))
                        .append(el("WelfareCheck", String.valueOf(random.nextBoolean())));
                if (school) {
                    xml.append("<School urn=\"").append(urn).append("\">").append(hidden(token())).append("</School>");
                }
                xml.append("</Child>");
                childValues.put(id, List.of(given, family, born.toString()));
                LocalDate incidentDate = incident.atZone(ZoneId.of("Europe/London")).toLocalDate();
                if (school && DemoSchoolDays.compulsorySchoolAge()
                        .evaluate(born, incidentDate).eligible()) {
                    eligible.add(id);
                }
            }
            xml.append("<OfficerInCase>")
                    .append(el("Name", hidden(token()) + " " + hidden(token())))
                    .append(el("CollarNumber", hidden(token().substring(0, 8))))
                    .append(el("Email", hidden(token().toLowerCase() + "@" + token().toLowerCase() + ".example")))
                    .append(el("Phone", hidden(digits(11))))
                    .append("</OfficerInCase>")
                    .append("</DomesticAbuseNotification>\n");
            return new Generated(xml.toString(), List.copyOf(forbidden), childValues, eligible);
        }

        /** A Victim or Perpetrator: the name may go to a school, nothing else. */
        private String person(String element, String idPrefix, boolean perpetrator) {
            StringBuilder xml = new StringBuilder();
            xml.append('<').append(element).append(" id=\"").append(hidden(idPrefix + token())).append("\">")
                    .append("<Name>").append(el("Given", token())).append(el("Given", token()))
                    .append(el("Family", token())).append("</Name>")
                    .append(el("DateOfBirth", hidden(adultBirthDate())))
                    .append(el("Gender", GENDERS[random.nextInt(4)]))
                    .append(el("Ethnicity", "W" + (1 + random.nextInt(9))))
                    .append("<Address>").append(el("AddressLine", hidden(token())))
                    .append(el("AddressLine", hidden(token()))).append(el("Postcode", hidden("SW1A 1AA"))).append("</Address>")
                    .append(el("Phone", hidden(digits(11))))
                    .append(el("NhsNumber", hidden(nhsNumber())))
                    .append(el("PncId", hidden(digits(2) + "/" + digits(7) + (char) ('A' + random.nextInt(26)))));
            if (perpetrator) {
                xml.append(el("RelationshipToVictim", hidden(token()) + " " + hidden(token())));
            }
            return xml.append("</").append(element).append('>').toString();
        }

        private String adultBirthDate() {
            String date;
            do {
                date = LocalDate.of(1950 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString();
            } while (!used.add(date));
            return date;
        }

        /** Ten letters, the first upper case: valid in every name and text field, unique in this notification. */
        private String token() {
            String token;
            do {
                StringBuilder letters = new StringBuilder();
                letters.append((char) ('A' + random.nextInt(26)));
                for (int i = 1; i < 10; i++) {
                    letters.append((char) ('a' + random.nextInt(26)));
                }
                token = letters.toString();
            } while (!used.add(token));
            return token;
        }

        private String digits(int count) {
            String digits;
            do {
                StringBuilder number = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    number.append((char) ('0' + random.nextInt(10)));
                }
                digits = number.toString();
            } while (!used.add(digits));
            return digits;
        }

        /** Ten digits whose modulus 11 check digit is right. */
        private String nhsNumber() {
            while (true) {
                String nine = digits(9);
                int sum = 0;
                for (int i = 0; i < 9; i++) {
                    sum += (nine.charAt(i) - '0') * (10 - i);
                }
                int check = 11 - sum % 11;
                if (check == 11) {
                    check = 0;
                }
                if (check != 10) {
                    return nine + check;
                }
            }
        }

        private String hidden(String value) {
            forbidden.add(value);
            return value;
        }

        private static String el(String name, String value) {
            return "<" + name + ">" + value + "</" + name + ">";
        }
    }
}
