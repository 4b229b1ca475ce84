-- Failed console logins, counted per typed username and per client address, so that guessing is
-- throttled across every gateway node (docs/security-model.md, "Failed logins"). Neither the
-- username nor the address is stored: subject_hash is an HMAC of it under a key kept outside the
-- database, so a copy of this table cannot be read back into names (people do type passwords into
-- the username field). Rows end when both their window and their lock have passed.
CREATE TABLE login_throttle (
    subject_kind   VARCHAR(10)              NOT NULL,
    subject_hash   VARCHAR(64)              NOT NULL,
    failures       INTEGER                  NOT NULL,
    window_started TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT login_throttle_pk PRIMARY KEY (subject_kind, subject_hash),
    CONSTRAINT login_throttle_kind CHECK (subject_kind IN ('USER', 'ADDRESS'))
);

CREATE INDEX login_throttle_by_window ON login_throttle (window_started);
