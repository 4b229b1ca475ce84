package org.mashgateway.audit;

/**
 * The outcome of walking the decision record's hash chain. Carries ids, hashes and a fixed problem
 * code only, so it can be printed, returned and alerted on without exposing anything personal.
 *
 * @param ok                  whether every record checked is intact, the chain ends at the head and
 *                            agrees with the latest signed checkpoint
 * @param recordsChecked      records whose hash and link were verified before the walk stopped
 * @param firstBrokenRecordId the first record id that is missing, altered or mislinked; null if ok,
 *                            and null when only the checkpoint itself is untrusted
 * @param problem             what is wrong at that record; null if ok
 * @param lastRecordId        id of the chain head verified (0 for an empty record); a signed
 *                            {@link Checkpoint} of it and {@code lastHash} detects a later rewrite
 * @param lastHash            hash of that head record (64 zeros for an empty record)
 * @param checkpoint          the signed checkpoint the chain was checked against; null if there was
 *                            none the gateway could trust
 */
public record ChainVerification(
        boolean ok,
        long recordsChecked,
        Long firstBrokenRecordId,
        Problem problem,
        long lastRecordId,
        String lastHash,
        Checkpoint checkpoint) {

    /** Ways the chain can be broken, each a sign of tampering or of damage to the store. */
    public enum Problem {
        /** The stored hash does not match the record's content: a column was changed. */
        HASH_MISMATCH("the record's content does not match its hash"),
        /** The record's previousHash is not the hash of the record before it. */
        PREVIOUS_LINK_MISMATCH("the record does not link to the record before it"),
        /** A record id is missing from the sequence: a record was deleted. */
        GAP("the record is missing"),
        /** The last record is not the one the chain head names: records were removed from the end or added past it. */
        HEAD_MISMATCH("the chain head does not match the last record"),
        /**
         * The record the latest signed checkpoint names has another hash now: the chain was rewritten
         * at or before it (and re-hashed, or this would be a HASH_MISMATCH earlier).
         */
        CHECKPOINT_MISMATCH("the record does not have the hash the latest signed checkpoint holds for it"),
        /** The chain ends before the record the latest signed checkpoint names: its tail was removed. */
        SHORTER_THAN_CHECKPOINT("the record is missing, but the latest signed checkpoint names it or a later one"),
        /** The latest checkpoint file is not signed by the gateway: forged, damaged or from another key. */
        CHECKPOINT_UNTRUSTED("the latest checkpoint file is not signed by this gateway");

        private final String description;

        Problem(String description) {
            this.description = description;
        }

        /** A sentence for people reading a verification report. */
        public String description() {
            return description;
        }
    }

    static ChainVerification intact(long recordsChecked, long lastRecordId, String lastHash, Checkpoint checkpoint) {
        return new ChainVerification(true, recordsChecked, null, null, lastRecordId, lastHash, checkpoint);
    }

    static ChainVerification broken(long recordsChecked, long recordId, Problem problem, long lastRecordId, String lastHash,
            Checkpoint checkpoint) {
        return new ChainVerification(false, recordsChecked, recordId, problem, lastRecordId, lastHash, checkpoint);
    }

    /** This intact chain, reported broken because the latest checkpoint could not be trusted. */
    ChainVerification withUntrustedCheckpoint() {
        return new ChainVerification(false, recordsChecked, null, Problem.CHECKPOINT_UNTRUSTED, lastRecordId, lastHash, null);
    }

    /** Where the report points: the record id, or the checkpoint when only that is wrong. */
    public String brokenAt() {
        return firstBrokenRecordId == null ? "the latest checkpoint" : "record " + firstBrokenRecordId;
    }
}
