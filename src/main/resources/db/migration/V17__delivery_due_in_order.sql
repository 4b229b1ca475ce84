-- The delivery worker's due query orders by (status, next_attempt_at, delivery_id): with an index
-- in exactly that order H2 and PostgreSQL read only the first rows, so a poll costs the same
-- however long the PENDING backlog (the old index left H2 sorting every due row on every poll).
CREATE INDEX delivery_due_in_order ON delivery (status, next_attempt_at, delivery_id);
DROP INDEX delivery_due;
