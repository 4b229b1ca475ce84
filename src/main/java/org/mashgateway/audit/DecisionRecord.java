package org.mashgateway.audit;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the decision record as read back: the {@link Decision} with its place in the chain.
 *
 * @param recordId     position in the chain, 1, 2, 3, … without gaps
 * @param at           when it was recorded (microsecond precision, UTC)
 * @param previousHash {@link #hash()} of the record before; 64 zeros for the first
 * @param hash         SHA-256 over the canonical encoding of every other field
 */
public record DecisionRecord(
        long recordId,
        Instant at,
        String policyVersion,
        DecisionKind decision,
        String reasonCode,
        String lawfulBasis,
        String sender,
        String recipient,
        String gatewayReference,
        String documentType,
        String minimisationProfile,
        List<String> fieldsShared,
        List<String> fieldsDropped,
        List<String> subjectKeys,
        String documentHash,
        String previousHash,
        String hash) {

    public DecisionRecord {
        fieldsShared = List.copyOf(fieldsShared);
        fieldsDropped = List.copyOf(fieldsDropped);
        subjectKeys = List.copyOf(subjectKeys);
    }
}
