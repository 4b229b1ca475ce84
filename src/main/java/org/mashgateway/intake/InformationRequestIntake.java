package org.mashgateway.intake;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.audit.SubjectKeys;
import org.mashgateway.classification.Classification;
import org.mashgateway.delivery.Deliveries;
import org.mashgateway.directory.Caller;
import org.mashgateway.directory.CallerKind;
import org.mashgateway.directory.Directory;
import org.mashgateway.intake.IntakeOutcome.Accepted;
import org.mashgateway.intake.IntakeOutcome.Refused;
import org.mashgateway.intake.InformationRequests.HeldRequest;
import org.mashgateway.policy.RecipientShare;
import org.mashgateway.policy.RecipientType;
import org.mashgateway.policy.SharingPlan;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.store.MessageStore;
import org.mashgateway.xml.DocumentRejectedException;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.Elements;
import org.mashgateway.xml.ParsedDocument;
import org.mashgateway.xml.XmlDocuments;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Takes in an InformationRequest from the MASH case system and, in one transaction, records it,
 * stores its body encrypted, and schedules its protected delivery to the agency it names, due by
 * its RespondBy. The request goes whole: the case system decided what to ask and on which lawful
 * basis; the gateway records that decision (SHARED, with the requester's lawful basis) and raises
 * the marking to OFFICIAL-SENSITIVE. A response is later accepted only for a request held here.
 */
@Service
public class InformationRequestIntake {

    static final String EXCHANGE_RULES_VERSION = "exchange-1";
    static final String PROFILE = "information-request@1";
    static final String TITLE = "Information request";

    /** The agency handling instruction of sharing-rules.md. */
    static final String HANDLING_INSTRUCTION = "OFFICIAL-SENSITIVE. Shared under the MASH Information Sharing "
            + "Agreement for safeguarding purposes only. Do not disclose further without the permission of the MASH.";

    private final XmlDocuments xml;
    private final InformationRequests requests;
    private final MessageStore bodies;
    private final DecisionLog decisions;
    private final SubjectKeys subjectKeys;
    private final GatewayReferences references;
    private final Deliveries deliveries;
    private final Directory directory;
    private final Alerts alerts;
    private final MeterRegistry meters;
    private final TransactionTemplate transaction;
    private final Clock clock;

    InformationRequestIntake(XmlDocuments xml, InformationRequests requests, MessageStore bodies, DecisionLog decisions,
            SubjectKeys subjectKeys, GatewayReferences references, Deliveries deliveries, Directory directory,
            Alerts alerts, MeterRegistry meters, PlatformTransactionManager transactions, Clock clock) {
        this.xml = xml;
        this.requests = requests;
        this.bodies = bodies;
        this.decisions = decisions;
        this.subjectKeys = subjectKeys;
        this.references = references;
        this.deliveries = deliveries;
        this.directory = directory;
        this.alerts = alerts;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** @throws StoreUnavailableException when the outcome cannot be made durable now */
    public IntakeOutcome receive(Caller caller, byte[] body, IngressChannel via) {
        return IntakeRecords.counted(meters, DocumentType.INFORMATION_REQUEST, via, () -> decide(caller, body, via));
    }

    private IntakeOutcome decide(Caller caller, byte[] body, IngressChannel via) {
        String documentHash = NotificationIntake.sha256(body);
        ParsedDocument document;
        try {
            document = xml.read(body);
        } catch (DocumentRejectedException e) {
            if (DocumentRefusals.isSecurityEvent(e.reason())) {
                alerts.raise(AlertKind.SECURITY, e.reason().name(),
                        "refused document from " + caller.kind() + " " + caller.code() + " via " + via);
            }
            return refuse(caller, via, documentHash, DocumentRefusals.of(e, xml.maxBytes()));
        }
        if (document.type() != DocumentType.INFORMATION_REQUEST) {
            return refuse(caller, via, documentHash, new Refused(HttpStatus.BAD_REQUEST, "WRONG_DOCUMENT_TYPE",
                    "This ingress takes InformationRequest (namespace " + DocumentType.INFORMATION_REQUEST.namespace()
                            + "), not " + document.type().rootName() + ".", List.of()));
        }
        if (caller.kind() != CallerKind.CASE_SYSTEM) {
            return refuse(caller, via, documentHash, new Refused(HttpStatus.FORBIDDEN, "SENDER_NOT_THE_CASE_SYSTEM",
                    "Only the MASH case system may send information requests.", List.of()));
        }
        Element root = document.document().getDocumentElement();
        String requestId = Elements.text(root, "RequestId").orElseThrow();
        String toAgency = Elements.child(root, "ToAgency").map(e -> e.getAttribute("code")).orElseThrow();
        if (directory.agency(toAgency).isEmpty()) {
            return refuse(caller, via, documentHash, new Refused(HttpStatus.BAD_REQUEST, "UNKNOWN_AGENCY",
                    "ToAgency/@code: names no agency in the gateway's directory.", List.of()));
        }
        String canonicalHash = NotificationIntake.sha256(document.canonicalForm());
        IntakeOutcome outcome;
        try {
            outcome = transaction.execute(status -> persist(caller, body, via, document, requestId, toAgency,
                    canonicalHash, documentHash));
        } catch (DuplicateKeyException race) {
            outcome = transaction.execute(status -> answerResend(requests.find(requestId).orElseThrow(), canonicalHash));
        }
        return outcome instanceof Refused refused ? refuse(caller, via, documentHash, refused) : outcome;
    }

    private IntakeOutcome persist(Caller caller, byte[] body, IngressChannel via, ParsedDocument document,
            String requestId, String toAgency, String canonicalHash, String documentHash) {
        Optional<HeldRequest> earlier = requests.find(requestId);
        if (earlier.isPresent()) {
            return answerResend(earlier.get(), canonicalHash);
        }
        Element root = document.document().getDocumentElement();
        Instant respondBy = OffsetDateTime.parse(Elements.text(root, "RespondBy").orElseThrow()).toInstant();
        String reference = references.next();
        requests.insert(new HeldRequest(requestId, toAgency, reference, canonicalHash), caller.code(), respondBy, via,
                clock.instant());
        bodies.put(reference, body);
        decisions.append(Decision.of(DecisionKind.ACCEPTED)
                .policyVersion(EXCHANGE_RULES_VERSION)
                .sender(caller.code())
                .gatewayReference(reference)
                .documentType(DocumentType.INFORMATION_REQUEST.rootName())
                .documentHash(documentHash)
                .subjectKeys(subjectKeysOf(root))
                .build());
        deliveries.schedule(reference, caller.code(), new SharingPlan(EXCHANGE_RULES_VERSION,
                List.of(shareFor(document.document(), toAgency, respondBy)), List.of()));
        return new Accepted(reference, requestId, false);
    }

    /** The request as the agency receives it: whole, marked OFFICIAL-SENSITIVE, with its own reference. */
    private RecipientShare shareFor(Document request, String toAgency, Instant respondBy) {
        Document copy = (Document) request.cloneNode(true);
        Element root = copy.getDocumentElement();
        Elements.child(root, "Classification").orElseThrow().setTextContent(Classification.OFFICIAL_SENSITIVE.marking());
        try {
            xml.validate(DocumentType.INFORMATION_REQUEST, copy);
        } catch (DocumentRejectedException e) {
            // The request was valid on arrival and only its marking changed: this is a gateway fault.
            throw new IllegalStateException("the outgoing information request breaks its schema: " + e.reason(), e);
        }
        byte[] document = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + new String(xml.canonicalForm(copy), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        String reference = references.next();
        String lawfulBasis = Elements.text(root, "LawfulBasis").orElseThrow().replaceAll("\\s+", " ").strip();
        return new RecipientShare(RecipientType.AGENCY, toAgency, reference, "REQUEST", respondBy,
                DocumentType.INFORMATION_REQUEST.rootName(), document, TITLE, text(root, reference), PROFILE,
                List.copyOf(paths(root)), List.of(), lawfulBasis);
    }

    /** The plain-text rendering for the agency's staff: the request in words, then the handling instruction. */
    private static String text(Element root, String reference) {
        StringBuilder text = new StringBuilder("OFFICIAL-SENSITIVE\n\nInformation request\n");
        text.append("Reference: ").append(reference).append('\n');
        line(text, "Case reference", root, "CaseReference");
        line(text, "Requesting team", root, "RequestingTeam");
        line(text, "Purpose", root, "Purpose");
        line(text, "Lawful basis", root, "LawfulBasis");
        line(text, "Respond by", root, "RespondBy");
        text.append("\nSubjects\n");
        for (Element subject : Elements.children(root)) {
            if (subject.getLocalName().equals("Subject")) {
                NotificationFacts.Subject person = NotificationFacts.subject(subject);
                text.append("  ").append(subject.getAttribute("role")).append(": ").append(person.givenNames())
                        .append(' ').append(person.familyName());
                if (person.dateOfBirth() != null) {
                    text.append(", born ").append(person.dateOfBirth());
                }
                text.append('\n');
            }
        }
        Elements.text(root, "Question").ifPresent(question -> text.append("\nQuestion\n  ").append(question)
                .append('\n'));
        return text.append('\n').append(HANDLING_INSTRUCTION).append('\n').toString();
    }

    private static void line(StringBuilder text, String label, Element root, String element) {
        Elements.text(root, element).ifPresent(value -> text.append(label).append(": ").append(value).append('\n'));
    }

    /** Every element and attribute path the request holds (names, never values), for the decision record. */
    private static Set<String> paths(Element root) {
        Set<String> paths = new LinkedHashSet<>();
        collect(root, root.getLocalName(), paths);
        return paths;
    }

    private static void collect(Element element, String path, Set<String> paths) {
        paths.add(path);
        for (int i = 0; i < element.getAttributes().getLength(); i++) {
            Node attribute = element.getAttributes().item(i);
            if (attribute.getNamespaceURI() == null) {
                paths.add(path + "/@" + attribute.getLocalName());
            }
        }
        for (Element child : Elements.children(element)) {
            collect(child, path + "/" + child.getLocalName(), paths);
        }
    }

    private List<String> subjectKeysOf(Element root) {
        List<String> keys = new ArrayList<>();
        for (Element subject : Elements.children(root)) {
            if (subject.getLocalName().equals("Subject")) {
                NotificationFacts.Subject person = NotificationFacts.subject(subject);
                if (person.dateOfBirth() != null) {
                    keys.add(subjectKeys.keyFor(person.givenNames(), person.familyName(), person.dateOfBirth()));
                }
            }
        }
        return keys.stream().distinct().toList();
    }

    private static IntakeOutcome answerResend(HeldRequest earlier, String canonicalHash) {
        if (earlier.canonicalHash().equals(canonicalHash)) {
            return new Accepted(earlier.reference(), earlier.requestId(), true);
        }
        return new Refused(HttpStatus.CONFLICT, "ID_ALREADY_USED_WITH_OTHER_CONTENT",
                "RequestId: already accepted with different content; send a new request with a new RequestId.",
                List.of());
    }

    private Refused refuse(Caller caller, IngressChannel via, String documentHash, Refused refused) {
        return IntakeRecords.refusal(decisions, EXCHANGE_RULES_VERSION, DocumentType.INFORMATION_REQUEST, caller, via, documentHash, refused);
    }
}
