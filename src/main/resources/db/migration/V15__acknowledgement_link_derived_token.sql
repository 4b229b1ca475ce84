-- Tokens never at rest (issue 11 item 3): a link's token is no longer written into the stored mail
-- text. It is derived when the mail is sent, as HMAC-SHA-256 under a link key that is derived from
-- the message store's master key (outside the database) over the output reference and this nonce.
-- The table still holds only the SHA-256 of the token; the nonce and the key id alone make no link.
-- Rows issued before this migration have neither (their token is in their stored body, as then).
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL. See docs/acknowledgements.md.
ALTER TABLE acknowledgement_link ADD COLUMN issue_nonce CHAR(32);
ALTER TABLE acknowledgement_link ADD COLUMN key_id VARCHAR(100);
