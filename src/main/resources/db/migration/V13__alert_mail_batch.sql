-- The alert mail an unmailed alert was put in (the first alert id of that mail), committed before
-- the mail goes: a mail cut short by a crash is sent again with the same alerts and Message-ID.
ALTER TABLE alert ADD COLUMN mail_batch BIGINT;
