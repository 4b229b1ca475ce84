-- Which escalation rule watches a delivery (SCHOOL or AGENCY, its recipient type) while it awaits
-- the acknowledgement its link asks for; NULL once it is acknowledged or escalated, and for every
-- delivery nobody acknowledges. The escalation route reads only these rows, through the index, so
-- its cost follows what is awaited, not the size of the outbox (issue 15: the simulated week's
-- outbox of 100,000 deliveries made each run of the route scan them all).
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL. See docs/acknowledgements.md.
ALTER TABLE delivery ADD COLUMN escalation_watch VARCHAR(10);

-- What the route watched before this column: school notifications and corrections, and agency
-- deliveries with a link (the HIGH-risk ones), not yet acknowledged nor escalated.
UPDATE delivery SET escalation_watch = recipient_type
WHERE outbox_kind = 'SHARE' AND due_by IS NOT NULL AND escalated_at IS NULL
  AND status IN ('PENDING', 'SENT', 'FAILED')
  AND ((recipient_type = 'SCHOOL' AND kind IN ('NOTIFICATION', 'CORRECTION'))
    OR (recipient_type = 'AGENCY' AND output_reference IN (SELECT output_reference FROM acknowledgement_link)));

CREATE INDEX delivery_escalation_watch ON delivery (escalation_watch, due_by);
