-- Information requests the MASH case system sent through the gateway. The request ids and the
-- agency live here, mapped to the gateway's reference; the body is in message_body, encrypted.
-- A response is accepted only for a request that is here, sent to that agency, and not closed.
CREATE TABLE information_request (
    request_id       VARCHAR(60)  PRIMARY KEY,
    case_system      VARCHAR(10)  NOT NULL,
    to_agency        VARCHAR(10)  NOT NULL,
    reference        VARCHAR(30)  NOT NULL UNIQUE,
    canonical_hash   VARCHAR(64)  NOT NULL,
    respond_by       TIMESTAMP WITH TIME ZONE NOT NULL,
    received_via     VARCHAR(10)  NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at        TIMESTAMP WITH TIME ZONE
);
