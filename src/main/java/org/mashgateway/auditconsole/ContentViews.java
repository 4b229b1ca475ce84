package org.mashgateway.auditconsole;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.mashgateway.audit.DecisionLog;
import org.mashgateway.audit.DecisionRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records that an auditor opened a message's content, before it is shown: a CONTENT_VIEWED decision
 * (the reference, the auditor's login, the reason code) and, in the same transaction, a
 * {@code content_view} row with the reason as typed. If either cannot be written, nothing is shown.
 */
@Component
class ContentViews {

    /** The shape {@link Decision} accepts for a party; other logins are recorded by a hash of themselves. */
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9_.@:+-]{1,100}");

    private final DecisionLog decisions;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ContentViews(DecisionLog decisions, JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.decisions = decisions;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Records one view and returns its decision record. */
    DecisionRecord record(String reference, String documentType, String login, ViewReason reason, String reasonText) {
        String viewer = viewer(login);
        return transaction.execute(status -> {
            DecisionRecord recorded = decisions.append(Decision.of(DecisionKind.CONTENT_VIEWED)
                    .reasonCode(reason.name())
                    .sender(viewer)
                    .gatewayReference(reference)
                    .documentType(documentType)
                    .build());
            // The row names its decision record, so it can only follow the append; it is the one
            // statement made while the chain head is locked.
            jdbc.update("INSERT INTO content_view (viewed_at, viewed_by, gateway_reference, reason_code, reason, "
                            + "decision_record_id) VALUES (?, ?, ?, ?, ?, ?)",
                    OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), viewer, reference, reason.name(),
                    reasonText, recorded.recordId());
            return recorded;
        });
    }

    /** The login as recorded: itself when it has the shape of a code, otherwise "user:" and a hash of it. */
    static String viewer(String login) {
        if (LOGIN.matcher(login).matches()) {
            return login;
        }
        return "user:" + Decision.sha256Hex(login.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
