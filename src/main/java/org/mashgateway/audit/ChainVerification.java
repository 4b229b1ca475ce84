package org.mashgateway.audit;

/**
 * The outcome of walking the decision record's hash chain. Carries ids, hashes and a fixed problem
 * code only, so it can be printed, returned and alerted on without exposing anything personal.
 *
 * @param ok                  whether every record checked is intact and the chain ends at the head
 * @param recordsChecked      records whose hash and link were verified before the walk stopped
 * @param firstBrokenRecordId the first record id that is missing, altered or mislinked; null if ok
 * @param problem             what is wrong at that record; null if ok
 * @param lastRecordId        id of the chain head verified (0 for an empty record); export it with
 *                            {@code lastHash} to detect a later rewrite of the whole tail
 * @param lastHash            hash of that head record (64 zeros for an empty record)
 */
public record ChainVerification(
        boolean ok,
        long recordsChecked,
        Long firstBrokenRecordId,
        Problem problem,
        long lastRecordId,
        String lastHash) {

    /** Ways the chain can be broken, each a sign of tampering or of damage to the store. */
    public enum Problem {
        /** The stored hash does not match the record's content: a column was changed. */
        HASH_MISMATCH("the record's content does not match its hash"),
        /** The record's previousHash is not the hash of the record before it. */
        PREVIOUS_LINK_MISMATCH("the record does not link to the record before it"),
        /** A record id is missing from the sequence: a record was deleted. */
        GAP("the record is missing"),
        /** The last record is not the one the chain head names: records were removed from the end or added past it. */
        HEAD_MISMATCH("the chain head does not match the last record");

        private final String description;

        Problem(String description) {
            this.description = description;
        }

        /** A sentence for people reading a verification report. */
        public String description() {
            return description;
        }
    }

    static ChainVerification intact(long recordsChecked, long lastRecordId, String lastHash) {
        return new ChainVerification(true, recordsChecked, null, null, lastRecordId, lastHash);
    }

    static ChainVerification broken(long recordsChecked, long recordId, Problem problem, long lastRecordId, String lastHash) {
        return new ChainVerification(false, recordsChecked, recordId, problem, lastRecordId, lastHash);
    }
}
