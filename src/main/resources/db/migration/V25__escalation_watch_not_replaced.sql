-- A delivery corrected or withdrawn is no longer awaited: its correction is watched in its place,
-- and a withdrawn notification must never be escalated to a school's deputy (issue 15: before this,
-- the escalation route sent the deputy the notification as first sent even after it was corrected
-- or withdrawn, and raised an alert for it). The escalation route now refuses to escalate an output
-- that another replaces and drops it from the watch; this clears at once what V22 back-filled.
-- See docs/acknowledgements.md.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL.
UPDATE delivery SET escalation_watch = NULL
WHERE escalation_watch IS NOT NULL
  AND output_reference IN (SELECT replaces_reference FROM delivery WHERE replaces_reference IS NOT NULL);
