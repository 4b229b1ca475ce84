-- Corrections and withdrawals (docs/delivery.md, "Corrections and withdrawals").
-- A correction or withdrawal goes to the recipients of the latest version of a notification, so the
-- gateway must know, for each notification, the chain it belongs to and its place in it; and, for
-- each output, what it replaces and, for a school, which child of its police document it is about.
-- No personal data: references, ids of the force's own notifications, and a position.

-- The first notification of the chain (the one with no Supersedes); a notification is its own root.
ALTER TABLE received_notification ADD COLUMN chain_root VARCHAR(60);
-- 0 for the first notification, then 1, 2, ... in the order the gateway accepted its corrections and withdrawal.
ALTER TABLE received_notification ADD COLUMN chain_position INTEGER;
-- Rows accepted before this version: a first notification is its own root; a correction or withdrawal
-- was held and not forwarded, and named the notification it replaced.
UPDATE received_notification SET chain_root = COALESCE(replaces_notification, notification_id),
    chain_position = CASE WHEN replaces_notification IS NULL THEN 0 ELSE 1 END;
CREATE INDEX received_notification_chain ON received_notification (chain_root);

-- The output reference this CORRECTION or WITHDRAWAL replaces: the one that recipient received.
ALTER TABLE delivery ADD COLUMN replaces_reference VARCHAR(30);
-- For a school output: the position (0-based) of its child among the Child elements of the police
-- document the output was built from, so a later correction can tell which child it was about.
ALTER TABLE delivery ADD COLUMN child_index INTEGER;
