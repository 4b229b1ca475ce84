package org.mashgateway.auditconsole;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.audit.DecisionRecord;
import org.mashgateway.auditconsole.StoredContent.Content;
import org.mashgateway.auditconsole.SubjectAccessReport.Held;
import org.mashgateway.auditconsole.SubjectAccessReport.Row;
import org.mashgateway.delivery.Deliveries;
import org.mashgateway.directory.Agency;
import org.mashgateway.directory.Directory;
import org.mashgateway.directory.School;
import org.mashgateway.delivery.DeliveryState;
import org.mashgateway.store.MessageStore;
import org.springframework.stereotype.Component;

/**
 * Finds every decision about a subject. The record holds the subject's key on the decisions that
 * name people (a document accepted, a response, a search); the decisions that follow from such a
 * document (shared with whom, not shared and why, delivered, acknowledged, corrected, withdrawn,
 * destroyed, its content viewed) are recorded under its reference or its outputs' references, so
 * they are gathered from there. Nothing about any other document is read.
 */
@Component
class SubjectAccessReports {

    /** The period asked for is in days as the MASH counts them. */
    static final ZoneId UK = ZoneId.of("Europe/London");

    private final DecisionLog decisions;
    private final Deliveries deliveries;
    private final MessageStore store;
    private final StoredContent content;
    private final Directory directory;

    SubjectAccessReports(DecisionLog decisions, Deliveries deliveries, MessageStore store, StoredContent content,
            Directory directory) {
        this.directory = directory;
        this.decisions = decisions;
        this.deliveries = deliveries;
        this.store = store;
        this.content = content;
    }

    /** The decisions about the subject with this key recorded in the period (either end may be null), oldest first. */
    List<Row> rows(String subjectKey, LocalDate from, LocalDate to) {
        Map<Long, Found> found = new LinkedHashMap<>();
        for (DecisionRecord direct : decisions.bySubjectKey(subjectKey)) {
            String concerns = direct.gatewayReference();
            found.putIfAbsent(direct.recordId(), new Found(direct, concerns, ""));
            if (concerns == null || direct.decision() == DecisionKind.SUBJECT_SEARCHED
                    || direct.decision() == DecisionKind.SUBJECT_EXPORTED) {
                continue;
            }
            List<DeliveryState> outputs = deliveries.ofNotification(concerns);
            for (DecisionRecord about : decisions.byReference(concerns)) {
                found.putIfAbsent(about.recordId(), new Found(about, concerns, classOf(about, outputs)));
            }
            for (DeliveryState output : outputs) {
                if (output.outputReference() == null) {
                    continue; // NOT_SHARED: its decision is under the document's own reference
                }
                for (DecisionRecord about : decisions.byReference(output.outputReference())) {
                    found.putIfAbsent(about.recordId(), new Found(about, concerns, output.recipientType().name()));
                }
            }
        }
        // Every record under a message's reference was read above, so its DESTROYED record is among them.
        Set<String> destroyed = found.values().stream()
                .filter(f -> f.record().decision() == DecisionKind.DESTROYED)
                .map(f -> f.record().gatewayReference())
                .collect(Collectors.toSet());
        Map<String, Held> held = new HashMap<>();
        Instant start = from == null ? Instant.MIN : from.atStartOfDay(UK).toInstant();
        Instant end = to == null ? Instant.MAX : to.plusDays(1).atStartOfDay(UK).toInstant();
        return found.values().stream()
                .filter(f -> !f.record().at().isBefore(start) && f.record().at().isBefore(end))
                .sorted(Comparator.comparingLong(f -> f.record().recordId()))
                .map(f -> new Row(f.record(), f.concerns() == null ? "" : f.concerns(), f.recipientClass(),
                        organisation(f.recipientClass(), f.record().recipient()), held(f.record(), destroyed, held)))
                .toList();
    }

    /** A decision found, before what is held under its reference is known. */
    private record Found(DecisionRecord record, String concerns, String recipientClass) {}

    /** The content of each message the rows name that the gateway still holds, in the order of the rows. */
    List<Content> contents(List<Row> rows) {
        List<Content> found = new ArrayList<>();
        rows.stream()
                .filter(row -> row.held() == Held.HELD)
                .map(row -> row.record().gatewayReference())
                .distinct()
                .forEach(reference -> content.of(reference).ifPresent(found::add));
        return found;
    }

    private Held held(DecisionRecord record, Set<String> destroyed, Map<String, Held> known) {
        String reference = record.gatewayReference();
        if (reference == null || record.decision() == DecisionKind.SUBJECT_SEARCHED
                || record.decision() == DecisionKind.SUBJECT_EXPORTED) {
            return Held.NOT_STORED;
        }
        return known.computeIfAbsent(reference, r -> destroyed.contains(r) ? Held.DESTROYED
                : store.get(r).isPresent() ? Held.HELD : Held.NOT_STORED);
    }

    /** The recipient's name as the directory has it today (a school's name, an agency's). */
    private String organisation(String recipientClass, String code) {
        if (code == null) {
            return "";
        }
        Optional<String> name = switch (recipientClass) {
            case "SCHOOL" -> directory.school(code).map(School::name);
            case "AGENCY" -> directory.agency(code).map(Agency::name);
            default -> Optional.empty();
        };
        return name.orElse("");
    }


    /**
     * The recipient class of a decision under the document's own reference: a NOT_SHARED decision
     * has its own outbox row (no output, the same recipient, if any, and reason); another decision
     * naming a recipient takes the class of that recipient's output.
     */
    private static String classOf(DecisionRecord record, List<DeliveryState> outputs) {
        boolean notShared = record.decision() == DecisionKind.NOT_SHARED;
        if (!notShared && record.recipient() == null) {
            return "";
        }
        Optional<DeliveryState> to = outputs.stream()
                .filter(output -> Objects.equals(record.recipient(), output.recipient()))
                .filter(output -> !notShared || (output.outputReference() == null
                        && Objects.equals(record.reasonCode(), output.reasonCode())))
                .findFirst();
        return to.map(output -> output.recipientType().name()).orElse("");
    }
}
