-- One outbox (docs/decisions/0013-one-outbox.md). The delivery table now carries every message the
-- gateway sends, as kinds of one entry: SHARE (a planned share to an agency or a school, as
-- before), CASEWORK (a document for the MASH case system on mash.out.casework), DEPUTY_COPY (an
-- unacknowledged school notification sent again to the school's deputy) and ALERT_MAIL (a mail of
-- alerts for the MASH admins). One lease, one back-off (per kind), one history (delivery_event),
-- one pause switch (the delivery route). The two small outboxes are moved in and dropped; an alert
-- mail already put together (mail_batch set, not yet mailed) becomes an ALERT_MAIL entry, so
-- nothing in flight is lost by the upgrade. Portable SQL: runs unchanged on H2 2.x and PostgreSQL.

ALTER TABLE delivery ADD COLUMN outbox_kind VARCHAR(20) DEFAULT 'SHARE' NOT NULL;
-- What the entry carries or repeats: the accepted response a CASEWORK document reports, the share a
-- DEPUTY_COPY repeats, the alert batch (first alert id) an ALERT_MAIL lists. Null for a SHARE.
ALTER TABLE delivery ADD COLUMN source_reference VARCHAR(30);
ALTER TABLE delivery ADD CONSTRAINT delivery_outbox_kind
    CHECK (outbox_kind IN ('SHARE', 'CASEWORK', 'DEPUTY_COPY', 'ALERT_MAIL'));
-- Only a share belongs to a police notification, a force and a recipient class.
ALTER TABLE delivery ALTER COLUMN notification_reference DROP NOT NULL;
ALTER TABLE delivery ALTER COLUMN sending_force DROP NOT NULL;
ALTER TABLE delivery ALTER COLUMN recipient_type DROP NOT NULL;
ALTER TABLE delivery ADD CONSTRAINT delivery_share_columns CHECK (outbox_kind <> 'SHARE'
    OR (notification_reference IS NOT NULL AND sending_force IS NOT NULL AND recipient_type IS NOT NULL));
ALTER TABLE delivery ADD CONSTRAINT delivery_source_of_entry CHECK (outbox_kind = 'SHARE' OR source_reference IS NOT NULL);
CREATE INDEX delivery_by_source ON delivery (source_reference);

-- Casework outputs: their reference stays their output reference (MashReference on the queue).
INSERT INTO delivery (outbox_kind, output_reference, source_reference, recipient, kind, document_type, channel, status,
        reason_code, attempts, next_attempt_at, claimed_until, sent_at, created_at, updated_at)
    SELECT 'CASEWORK', reference, source_reference, case_system, kind, document_type, 'QUEUE', state, reason_code,
        attempts, CASE WHEN state = 'PENDING' THEN not_before END, CASE WHEN state = 'PENDING' THEN lease_until END,
        sent_at, created_at, COALESCE(sent_at, created_at)
    FROM casework_output ORDER BY created_at;
DROP TABLE casework_output;

-- Deputy copies: a moved copy's own output reference is COPY- and its share's id (a share has one
-- copy at most; new copies get a gateway reference); the Message-ID still derives from the share's
-- reference, as before the upgrade.
INSERT INTO delivery (outbox_kind, notification_reference, output_reference, source_reference, sending_force,
        recipient_type, recipient, kind, document_type, channel, status, reason_code, attempts, next_attempt_at,
        claimed_until, sent_at, created_at, updated_at)
    SELECT 'DEPUTY_COPY', d.notification_reference, 'COPY-' || CAST(d.delivery_id AS VARCHAR(20)), c.output_reference,
        d.sending_force, 'SCHOOL', d.recipient, d.kind, d.document_type, 'EMAIL', c.status, c.reason_code, c.attempts,
        CASE WHEN c.status = 'PENDING' THEN c.next_attempt_at END, CASE WHEN c.status = 'PENDING' THEN c.claimed_until END,
        c.sent_at, c.created_at, COALESCE(c.sent_at, c.created_at)
    FROM escalation_copy c JOIN delivery d ON d.output_reference = c.output_reference ORDER BY c.copy_id;
DROP TABLE escalation_copy;

-- Alert mails put together but not sent: one ALERT_MAIL entry per batch, due now.
INSERT INTO delivery (outbox_kind, output_reference, source_reference, recipient, kind, document_type, channel, status,
        attempts, next_attempt_at, created_at, updated_at)
    SELECT 'ALERT_MAIL', 'ALERT-' || CAST(mail_batch AS VARCHAR(20)), CAST(mail_batch AS VARCHAR(20)), 'ADMINS', 'ALERT',
        'Alerts', 'EMAIL', 'PENDING', 0, MIN(raised_at), MIN(raised_at), MIN(raised_at)
    FROM alert WHERE mail_batch IS NOT NULL AND mailed_at IS NULL GROUP BY mail_batch ORDER BY mail_batch;
