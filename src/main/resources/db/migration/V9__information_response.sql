-- Information responses agencies sent back through the gateway, keyed by the agency and its
-- ResponseId. No personal data: ids, codes, references and times only; the body is in
-- message_body, encrypted, under the response's reference.
CREATE TABLE information_response (
    from_agency        VARCHAR(10)  NOT NULL,
    response_id        VARCHAR(60)  NOT NULL,
    request_id         VARCHAR(60)  NOT NULL REFERENCES information_request (request_id),
    reference          VARCHAR(30)  NOT NULL UNIQUE,
    canonical_hash     VARCHAR(64)  NOT NULL,
    late               BOOLEAN      NOT NULL,
    received_via       VARCHAR(10)  NOT NULL,
    received_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    casework_reference VARCHAR(30)  NOT NULL UNIQUE,
    PRIMARY KEY (from_agency, response_id)
);
CREATE INDEX information_response_request ON information_response (request_id);

-- The outbox of documents for the MASH case system on mash.out.casework. A row commits with what
-- it reports (an accepted response); the casework dispatcher sends it afterwards, so nothing
-- accepted is lost if the broker is down or the node stops between the two.
CREATE TABLE casework_output (
    reference          VARCHAR(30)  PRIMARY KEY,
    source_reference   VARCHAR(30)  NOT NULL,
    case_system        VARCHAR(10)  NOT NULL,
    document_type      VARCHAR(64)  NOT NULL,
    kind               VARCHAR(20)  NOT NULL,
    state              VARCHAR(10)  NOT NULL,
    attempts           INTEGER      NOT NULL DEFAULT 0,
    not_before         TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_until        TIMESTAMP WITH TIME ZONE,
    reason_code        VARCHAR(64),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at            TIMESTAMP WITH TIME ZONE
);
CREATE INDEX casework_output_due ON casework_output (state, not_before);
