-- Every police notification or withdrawal the gateway has accepted. The police ids live here only,
-- mapped to the gateway's own opaque reference; the body itself is in message_body, encrypted.
CREATE TABLE received_notification (
    notification_id         VARCHAR(60)  PRIMARY KEY,
    force_code              VARCHAR(10)  NOT NULL,
    reference               VARCHAR(30)  NOT NULL UNIQUE,
    document_type           VARCHAR(30)  NOT NULL,
    canonical_hash          VARCHAR(64)  NOT NULL,
    classification_received VARCHAR(20)  NOT NULL,
    replaces_notification   VARCHAR(60),
    received_via            VARCHAR(10)  NOT NULL,
    received_at             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX received_notification_replaces ON received_notification (replaces_notification);
