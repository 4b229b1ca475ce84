package org.mashgateway.exchange;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.audit.SubjectKeys;
import org.mashgateway.directory.Caller;
import org.mashgateway.directory.CallerKind;
import org.mashgateway.exchange.ReceivedResponses.HeldResponse;
import org.mashgateway.exchange.SentRequests.SentRequest;
import org.mashgateway.intake.DocumentRefusals;
import org.mashgateway.intake.IngressChannel;
import org.mashgateway.intake.IntakeOutcome;
import org.mashgateway.intake.IntakeRecords;
import org.mashgateway.intake.IntakeOutcome.Accepted;
import org.mashgateway.intake.IntakeOutcome.Refused;
import org.mashgateway.intake.PartnerDocumentIntake;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.scheduling.AfterCommit;
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
import org.w3c.dom.Element;

/**
 * Takes in an agency's InformationResponse, by whichever channel it came, and in one transaction
 * records it, stores its body encrypted, records the agency's sharing decisions and puts the
 * casework copy (confidential information reduced to a marker) into the casework outbox.
 *
 * <p>A response is accepted only from the agency the request was sent to, for a request the
 * gateway sent and that is still open; anything else is refused with a SECURITY alert. A response
 * after the request's RespondBy is accepted and flagged late. A request closes when a response
 * answering every one of its subjects is accepted; a later response to it is refused. The same
 * ResponseId from the same agency is answered as a resend (same content) or a conflict.
 */
@Service
public class InformationResponseIntake implements PartnerDocumentIntake {

    static final String EXCHANGE_RULES_VERSION = "exchange-1";
    static final String CASEWORK_PROFILE = "casework-response@1";
    static final String KIND = "RESPONSE";

    /** The agency handling instruction of sharing-rules.md, also on what the case system receives. */
    static final String HANDLING_INSTRUCTION = "OFFICIAL-SENSITIVE. Shared under the MASH Information Sharing "
            + "Agreement for safeguarding purposes only. Do not disclose further without the permission of the MASH.";

    private static final String ROOT = DocumentType.INFORMATION_RESPONSE.rootName();

    /** Refusals about the request a response claims to answer: each is a possible misdirection or forgery. */
    private static final Set<String> REQUEST_REFUSALS = Set.of("REQUEST_NOT_SENT_TO_AGENCY", "REQUEST_CLOSED");

    private final XmlDocuments xml;
    private final SentRequests requests;
    private final ReceivedResponses responses;
    private final MessageStore bodies;
    private final DecisionLog decisions;
    private final SubjectKeys subjectKeys;
    private final GatewayReferences references;
    private final CaseworkOutbox casework;
    private final CaseworkCopy copies;
    private final Alerts alerts;
    private final MeterRegistry meters;
    private final TransactionTemplate transaction;
    private final Clock clock;

    InformationResponseIntake(XmlDocuments xml, SentRequests requests, ReceivedResponses responses, MessageStore bodies,
            DecisionLog decisions, SubjectKeys subjectKeys, GatewayReferences references, CaseworkOutbox casework,
            Alerts alerts, MeterRegistry meters, PlatformTransactionManager transactions, Clock clock) {
        this.xml = xml;
        this.requests = requests;
        this.responses = responses;
        this.bodies = bodies;
        this.decisions = decisions;
        this.subjectKeys = subjectKeys;
        this.references = references;
        this.casework = casework;
        this.copies = new CaseworkCopy(xml);
        this.alerts = alerts;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public Set<DocumentType> documentTypes() {
        return Set.of(DocumentType.INFORMATION_RESPONSE);
    }

    @Override
    public IntakeOutcome receive(Caller caller, byte[] body, IngressChannel via) {
        return IntakeRecords.counted(meters, DocumentType.INFORMATION_RESPONSE, via, () -> decide(caller, body, via));
    }

    private IntakeOutcome decide(Caller caller, byte[] body, IngressChannel via) {
        String documentHash = Decision.sha256Hex(body);
        ParsedDocument document;
        try {
            document = xml.read(body);
        } catch (DocumentRejectedException e) {
            Refused refused = DocumentRefusals.of(e, xml.maxBytes());
            if (DocumentRefusals.isSecurityEvent(e.reason())) {
                securityAlert(refused.reasonCode(), caller, via);
            }
            return refuse(caller, via, documentHash, refused);
        }
        if (document.type() != DocumentType.INFORMATION_RESPONSE) {
            return refuse(caller, via, documentHash, Refused.of(HttpStatus.BAD_REQUEST, "WRONG_DOCUMENT_TYPE",
                    "This ingress takes InformationResponse (namespace " + DocumentType.INFORMATION_RESPONSE.namespace()
                            + "), not " + document.type().rootName() + "."));
        }
        if (caller.kind() != CallerKind.AGENCY) {
            securityAlert("SENDER_NOT_AN_AGENCY", caller, via);
            return refuse(caller, via, documentHash, Refused.of(HttpStatus.FORBIDDEN, "SENDER_NOT_AN_AGENCY",
                    "Only partner agencies may send information responses."));
        }
        Element root = document.document().getDocumentElement();
        String fromAgency = Elements.child(root, "FromAgency").map(e -> e.getAttribute("code")).orElseThrow();
        if (!fromAgency.equals(caller.code())) {
            securityAlert("FROM_AGENCY_MISMATCH", caller, via);
            return refuse(caller, via, documentHash, Refused.of(HttpStatus.FORBIDDEN, "FROM_AGENCY_MISMATCH",
                    "FromAgency/@code: must be the code of the agency sending the response."));
        }
        Response response = Response.of(root, Decision.sha256Hex(document.canonicalForm()));
        IntakeOutcome outcome;
        try {
            outcome = transaction.execute(status -> persist(caller, body, via, document, response, documentHash));
        } catch (DuplicateKeyException race) {
            outcome = transaction.execute(status -> answerResend(
                    responses.find(caller.code(), response.responseId()).orElseThrow(), response.canonicalHash()));
        }
        if (outcome instanceof Refused refused) {
            if (REQUEST_REFUSALS.contains(refused.reasonCode())) {
                securityAlert(refused.reasonCode(), caller, via);
            }
            return refuse(caller, via, documentHash, refused);
        }
        return outcome;
    }

    private IntakeOutcome persist(Caller caller, byte[] body, IngressChannel via, ParsedDocument document,
            Response response, String documentHash) {
        Optional<HeldResponse> earlier = responses.find(caller.code(), response.responseId());
        if (earlier.isPresent()) {
            return answerResend(earlier.get(), response.canonicalHash());
        }
        Optional<SentRequest> found = requests.findForUpdate(response.requestId());
        if (found.isEmpty() || !found.get().toAgency().equals(caller.code())) {
            // The same answer whether the id is unknown or another agency's: a sender learns nothing of others' requests.
            return Refused.of(HttpStatus.FORBIDDEN, "REQUEST_NOT_SENT_TO_AGENCY",
                    "RequestId: names no information request the gateway sent to this agency.");
        }
        SentRequest request = found.get();
        if (request.isClosed()) {
            return Refused.of(HttpStatus.CONFLICT, "REQUEST_CLOSED",
                    "RequestId: the request is closed; it was answered for every subject.");
        }
        Map<String, String> subjects = subjectsOf(request);
        if (!subjects.keySet().containsAll(response.subjectRefs())) {
            return Refused.of(HttpStatus.BAD_REQUEST, "UNKNOWN_SUBJECT",
                    "SubjectResponse/@subjectRef: every one must be the id of a Subject in the request.");
        }
        Instant now = clock.instant();
        boolean late = now.isAfter(request.respondBy());
        String reference = references.next();
        String caseworkReference = references.next();
        responses.insert(caller.code(), request.requestId(),
                new HeldResponse(response.responseId(), reference, response.canonicalHash(), late), caseworkReference, via,
                now);
        bodies.put(reference, body);
        casework.schedule(caseworkReference, reference, request.caseSystem(), ROOT, KIND,
                CaseworkCopy.text(caseworkReference, request.reference(), caller.code(), late),
                copies.of(document.document(), caseworkReference, request.reference(), late));
        if (subjects.keySet().stream().allMatch(response.subjectRefs()::contains)) {
            requests.close(request.requestId(), now);
        }
        List<Decision> recorded = new ArrayList<>();
        recorded.add(Decision.of(DecisionKind.ACCEPTED)
                .policyVersion(EXCHANGE_RULES_VERSION)
                .reasonCode(late ? "LATE" : null)
                .sender(caller.code())
                .gatewayReference(reference)
                .documentType(ROOT)
                .documentHash(documentHash)
                .subjectKeys(response.subjectRefs().stream().map(subjects::get).filter(key -> key != null).distinct()
                        .toList())
                .build());
        for (Element subject : Elements.children(document.document().getDocumentElement(), "SubjectResponse")) {
            recorded.addAll(sharingDecisions(subject, caller.code(), request.caseSystem(), caseworkReference,
                    subjects.get(subject.getAttribute("subjectRef"))));
        }
        decisions.appendAll(recorded);
        if (late) {
            // Counted once the acceptance has committed: a rolled-back one was never accepted.
            AfterCommit.run(() -> meters.counter("mash.exchange.late-responses", "channel", via.name()).increment());
        }
        return new Accepted(reference, response.responseId(), false);
    }

    /**
     * The agency's decision for one subject, as the audit trail keeps it: SHARED or NOT_SHARED
     * (PARTIALLY_SHARED is SHARED with a reason code saying so), consent as the reason code, the
     * agency's lawful basis; and WITHHELD_CONFIDENTIAL when it holds confidential information.
     */
    private static List<Decision> sharingDecisions(Element subject, String agency, String caseSystem,
            String caseworkReference, String subjectKey) {
        Element sharing = Elements.child(subject, "SharingDecision").orElseThrow();
        String decided = Elements.text(sharing, "Decision").orElseThrow().strip();
        String consent = Elements.text(sharing, "Consent").orElseThrow().strip();
        String lawfulBasis = Elements.text(sharing, "LawfulBasis").orElseThrow().replaceAll("\\s+", " ").strip();
        List<Decision> recorded = new ArrayList<>(2);
        recorded.add(Decision.of("NOT_SHARED".equals(decided) ? DecisionKind.NOT_SHARED : DecisionKind.SHARED)
                .policyVersion(EXCHANGE_RULES_VERSION)
                .reasonCode(("PARTIALLY_SHARED".equals(decided) ? "PARTIALLY_SHARED_" : "") + "CONSENT_" + consent)
                .lawfulBasis(lawfulBasis)
                .sender(agency)
                .recipient(caseSystem)
                .gatewayReference(caseworkReference)
                .documentType(ROOT)
                .minimisationProfile(CASEWORK_PROFILE)
                .fieldsShared(paths(subject))
                .subjectKey(subjectKey)
                .build());
        if (Elements.child(subject, "ConfidentialInformationHeld").isPresent()) {
            recorded.add(Decision.of(DecisionKind.WITHHELD_CONFIDENTIAL)
                    .policyVersion(EXCHANGE_RULES_VERSION)
                    .reasonCode("CONFIDENTIAL_INFORMATION_HELD")
                    .lawfulBasis(lawfulBasis)
                    .sender(agency)
                    .recipient(caseSystem)
                    .gatewayReference(caseworkReference)
                    .documentType(ROOT)
                    .minimisationProfile(CASEWORK_PROFILE)
                    .fieldsShared(List.of(ROOT + "/SubjectResponse/ConfidentialInformationHeld/HeldBy",
                            ROOT + "/SubjectResponse/ConfidentialInformationHeld/ContactRole"))
                    .fieldsDropped(List.of(ROOT + "/SubjectResponse/ConfidentialInformationHeld/Reason"))
                    .subjectKey(subjectKey)
                    .build());
        }
        return recorded;
    }

    /** The element paths one subject's answer holds (names, never values), the Reason of a confidential marker excluded. */
    private static List<String> paths(Element subject) {
        Set<String> paths = new LinkedHashSet<>();
        collect(subject, ROOT + "/SubjectResponse", paths);
        paths.remove(ROOT + "/SubjectResponse/ConfidentialInformationHeld/Reason");
        return List.copyOf(paths);
    }

    private static void collect(Element element, String path, Set<String> paths) {
        paths.add(path);
        for (Element child : Elements.children(element)) {
            collect(child, path + "/" + child.getLocalName(), paths);
        }
    }

    /**
     * The request's subjects by id, each with its subject key (null for a subject without a date of
     * birth, which cannot be keyed). The request body is read back from the store.
     */
    private Map<String, String> subjectsOf(SentRequest request) {
        byte[] body = bodies.get(request.reference()).orElse(null);
        Map<String, String> subjects = new LinkedHashMap<>();
        if (body == null) {
            return subjects;
        }
        Element root;
        try {
            root = xml.read(body).document().getDocumentElement();
        } catch (DocumentRejectedException e) {
            // Accepted once, so readable: a failure here is a gateway fault, not the agency's.
            throw new IllegalStateException("a stored information request no longer reads: " + e.reason(), e);
        }
        for (Element subject : Elements.children(root, "Subject")) {
            subjects.put(subject.getAttribute("id"), keyOf(subject));
        }
        return subjects;
    }

    private String keyOf(Element person) {
        Optional<LocalDate> dateOfBirth = Elements.text(person, "DateOfBirth").map(String::strip).map(LocalDate::parse);
        if (dateOfBirth.isEmpty()) {
            return null;
        }
        List<String> given = new ArrayList<>();
        String family = "";
        for (Element part : Elements.children(Elements.child(person, "Name").orElseThrow())) {
            if (part.getLocalName().equals("Given")) {
                given.add(part.getTextContent().strip());
            } else if (part.getLocalName().equals("Family")) {
                family = part.getTextContent().strip();
            }
        }
        return subjectKeys.keyFor(String.join(" ", given), family, dateOfBirth.get());
    }

    private static IntakeOutcome answerResend(HeldResponse earlier, String canonicalHash) {
        if (earlier.canonicalHash().equals(canonicalHash)) {
            return new Accepted(earlier.reference(), earlier.responseId(), true);
        }
        return Refused.of(HttpStatus.CONFLICT, "ID_ALREADY_USED_WITH_OTHER_CONTENT",
                "ResponseId: already accepted with different content; send a new response with a new ResponseId.");
    }

    private void securityAlert(String reasonCode, Caller caller, IngressChannel via) {
        alerts.raise(AlertKind.SECURITY, reasonCode, "information response refused: from " + caller.kind() + " "
                + caller.code() + " via " + via);
    }

    private Refused refuse(Caller caller, IngressChannel via, String documentHash, Refused refused) {
        return IntakeRecords.refusal(decisions, EXCHANGE_RULES_VERSION, DocumentType.INFORMATION_RESPONSE, caller, via, documentHash, refused);
    }

    /** What the intake needs of a validated response: its ids, the subjects it answers, its canonical hash. */
    private record Response(String responseId, String requestId, List<String> subjectRefs, String canonicalHash) {

        static Response of(Element root, String canonicalHash) {
            return new Response(Elements.text(root, "ResponseId").orElseThrow().strip(),
                    Elements.text(root, "RequestId").orElseThrow().strip(),
                    Elements.children(root, "SubjectResponse").stream().map(e -> e.getAttribute("subjectRef")).toList(),
                    canonicalHash);
        }
    }
}
