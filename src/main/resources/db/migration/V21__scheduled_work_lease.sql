-- Scheduled work that must run on one node at a time (the mailbox, escalation, deadline and
-- certificate checks, retention): the node that holds a work's lease runs it and renews the lease
-- at each run; another node takes it over once the lease has run out (issue 14).
CREATE TABLE scheduled_work_lease (
    work       VARCHAR(64)              PRIMARY KEY,
    held_by    VARCHAR(200)             NOT NULL,
    held_until TIMESTAMP WITH TIME ZONE NOT NULL
);
