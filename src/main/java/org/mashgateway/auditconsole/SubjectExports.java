package org.mashgateway.auditconsole;

import static org.mashgateway.sql.DatabaseTime.at;

import java.time.Clock;
import java.time.LocalDate;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.audit.DecisionRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records that an auditor made a subject-access report, before it is made: a SUBJECT_EXPORTED
 * decision (the auditor's login, the subject key, the reason code; the document type says whether
 * the documents' content goes in) and, in the same transaction, a {@code subject_export} row with
 * the period, the format and the reason as typed. If either cannot be written, no report is made.
 */
@Component
class SubjectExports {

    /** The decision's document type for a report of decisions only, and for one with the documents' content. */
    static final String REPORT = "SubjectAccessReport";
    static final String REPORT_WITH_CONTENT = "SubjectAccessReportWithContent";

    private final DecisionLog decisions;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SubjectExports(DecisionLog decisions, JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.decisions = decisions;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What the auditor asked for, as recorded. */
    record Request(String subjectKey, LocalDate from, LocalDate to, String format, boolean withContent,
            ViewReason reason, String reasonText) {}

    DecisionRecord record(String login, Request request) {
        String exporter = ContentViews.viewer(login);
        return transaction.execute(status -> {
            DecisionRecord recorded = decisions.append(Decision.of(DecisionKind.SUBJECT_EXPORTED)
                    .reasonCode(request.reason().name())
                    .sender(exporter)
                    .documentType(request.withContent() ? REPORT_WITH_CONTENT : REPORT)
                    .subjectKey(request.subjectKey())
                    .build());
            jdbc.update("INSERT INTO subject_export (exported_at, exported_by, subject_key, period_from, period_to, "
                            + "format, with_content, reason_code, reason, decision_record_id) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    at(clock.instant()), exporter, request.subjectKey(), request.from(), request.to(), request.format(),
                    request.withContent(), request.reason().name(), request.reasonText(), recorded.recordId());
            return recorded;
        });
    }
}
