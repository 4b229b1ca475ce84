-- The decision record (audit trail): one row per decision, append-only, hash-chained.
-- Portable SQL: runs unchanged on H2 2.x (any mode) and PostgreSQL. See docs/audit.md.

CREATE TABLE decision_record (
    record_id            BIGINT                   NOT NULL,
    recorded_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    policy_version       VARCHAR(64),
    decision             VARCHAR(32)              NOT NULL,
    reason_code          VARCHAR(64),
    lawful_basis         VARCHAR(1000),
    sender               VARCHAR(100),
    recipient            VARCHAR(100),
    gateway_reference    VARCHAR(30),
    document_type        VARCHAR(64),
    minimisation_profile VARCHAR(100),
    fields_shared        VARCHAR(4000),
    fields_dropped       VARCHAR(4000),
    document_hash        VARCHAR(64),
    previous_hash        VARCHAR(64)              NOT NULL,
    record_hash          VARCHAR(64)              NOT NULL,
    CONSTRAINT decision_record_pk PRIMARY KEY (record_id)
);

CREATE INDEX decision_record_by_reference ON decision_record (gateway_reference);

-- Keyed hashes of name + date of birth, one row each, so a subject-access search is an index look-up.
-- They are part of the record's hash: changing or deleting one here breaks the chain.
CREATE TABLE decision_subject_key (
    record_id   BIGINT      NOT NULL,
    ordinal     INTEGER     NOT NULL,
    subject_key VARCHAR(64) NOT NULL,
    CONSTRAINT decision_subject_key_pk PRIMARY KEY (record_id, ordinal),
    CONSTRAINT decision_subject_key_record FOREIGN KEY (record_id) REFERENCES decision_record (record_id)
);

CREATE INDEX decision_subject_key_by_key ON decision_subject_key (subject_key);

-- The one-row head of the chain. Every append locks it (SELECT ... FOR UPDATE), so appends from
-- all threads and all gateway nodes form one linear chain, and record ids are gapless even when
-- an appending transaction rolls back (a database sequence would leave holes).
CREATE TABLE decision_chain_head (
    id             INTEGER     NOT NULL,
    last_record_id BIGINT      NOT NULL,
    last_hash      VARCHAR(64) NOT NULL,
    CONSTRAINT decision_chain_head_pk PRIMARY KEY (id),
    CONSTRAINT decision_chain_head_single_row CHECK (id = 1)
);

INSERT INTO decision_chain_head (id, last_record_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
