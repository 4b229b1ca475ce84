-- Message bodies at rest, each encrypted with its own AES-256-GCM data key; the data key is
-- stored only wrapped (RFC 3394) by the master key named in key_id. Destroying a body clears
-- wrapped_key, iv and ciphertext and keeps the row as a tombstone with destroyed_at.
-- Portable SQL: runs unchanged on H2 2.x (any mode) and PostgreSQL. See docs/message-store.md.

CREATE TABLE message_body (
    gateway_reference VARCHAR(30)              NOT NULL,
    stored_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id            VARCHAR(100)             NOT NULL,
    wrapped_key       BYTEA,
    iv                BYTEA,
    ciphertext        BYTEA,
    destroyed_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT message_body_pk PRIMARY KEY (gateway_reference),
    CONSTRAINT message_body_destroyed_or_whole CHECK (
        (destroyed_at IS NULL AND wrapped_key IS NOT NULL AND iv IS NOT NULL AND ciphertext IS NOT NULL)
        OR (destroyed_at IS NOT NULL AND wrapped_key IS NULL AND iv IS NULL AND ciphertext IS NULL))
);

-- The retention job asks for the oldest live bodies first.
CREATE INDEX message_body_by_stored_at ON message_body (stored_at);
