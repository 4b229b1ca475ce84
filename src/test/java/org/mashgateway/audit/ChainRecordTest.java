package org.mashgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainRecordTest {

    private static final Instant AT = Instant.parse("2026-03-02T08:15:30.123456Z");

    /** Computed independently from the layout in docs/audit.md (a few lines of Python's struct and hashlib). */
    private static final String PINNED = "b8f11c99ab0d1ccb9f78c034a99de95ff8b68cfb637b05436c4f61630a209653";

    @Test
    void theEncodingIsPinnedSoRecordedHashesStayVerifiable() {
        ChainRecord record = ChainRecord.of(1, AT, Decision.of(DecisionKind.SHARED)
                .policyVersion("2026.1").recipient("100001").fieldsShared(List.of("Child/Name")).build(),
                ChainRecord.GENESIS_HASH);

        // Changing the canonical encoding would make every stored hash fail: this value must not move.
        assertThat(record.hash()).isEqualTo(PINNED);
    }

    @Test
    void movingCharactersBetweenFieldsChangesTheHash() {
        ChainRecord ab = record("AB", "C");
        ChainRecord a = record("A", "BC");

        assertThat(ab.hash()).isNotEqualTo(a.hash());
    }

    @Test
    void anAbsentFieldAndAnEmptyListDifferFromEachOther() {
        ChainRecord withoutSender = ChainRecord.of(1, AT, Decision.of(DecisionKind.SHARED).build(), ChainRecord.GENESIS_HASH);
        ChainRecord withSender = ChainRecord.of(1, AT, Decision.of(DecisionKind.SHARED).sender("0").build(), ChainRecord.GENESIS_HASH);
        ChainRecord oneField = ChainRecord.of(1, AT, Decision.of(DecisionKind.SHARED).fieldsShared(List.of("A")).build(), ChainRecord.GENESIS_HASH);
        ChainRecord oneDropped = ChainRecord.of(1, AT, Decision.of(DecisionKind.SHARED).fieldsDropped(List.of("A")).build(), ChainRecord.GENESIS_HASH);

        assertThat(List.of(withoutSender.hash(), withSender.hash(), oneField.hash(), oneDropped.hash())).doesNotHaveDuplicates();
    }

    @Test
    void theHashCoversTheTimeTheIdAndThePreviousHash() {
        Decision decision = Decision.of(DecisionKind.DELIVERED).build();
        String base = ChainRecord.of(5, AT, decision, ChainRecord.GENESIS_HASH).hash();

        assertThat(ChainRecord.of(6, AT, decision, ChainRecord.GENESIS_HASH).hash()).isNotEqualTo(base);
        assertThat(ChainRecord.of(5, AT.plusNanos(1_000), decision, ChainRecord.GENESIS_HASH).hash()).isNotEqualTo(base);
        assertThat(ChainRecord.of(5, AT, decision, "1".repeat(64)).hash()).isNotEqualTo(base);
    }

    private static ChainRecord record(String sender, String recipient) {
        return ChainRecord.of(1, AT, Decision.of(DecisionKind.SHARED).sender(sender).recipient(recipient).build(),
                ChainRecord.GENESIS_HASH);
    }

}
