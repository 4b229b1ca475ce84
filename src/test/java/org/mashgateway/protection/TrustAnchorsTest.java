package org.mashgateway.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A recipient's certificate chains to the anchors only while it is valid, however often it was
 * checked before (the answer is remembered for the chain's validity, not beyond it), and one of
 * another authority never does.
 */
class TrustAnchorsTest {

    @Test
    void a_certificate_chains_within_its_validity_only_however_often_it_was_checked() throws Exception {
        TestPki.Authority authority = TestPki.authority("Made-up Partner CA");
        Instant notBefore = TestPki.NOW.minus(Duration.ofDays(30));
        Instant notAfter = TestPki.NOW.plus(Duration.ofDays(10));
        TestPki.Party recipient = authority.issue("Made-up School", notBefore, notAfter);
        TrustAnchors anchors = new TrustAnchors(List.of(authority.certificate()));

        assertThat(anchors.chains(recipient.certificate(), List.of(), TestPki.NOW)).isTrue();
        assertThat(anchors.chains(recipient.certificate(), List.of(), TestPki.NOW.plusSeconds(60))).isTrue();
        assertThat(anchors.chains(recipient.certificate(), List.of(), notAfter.plusSeconds(1)))
                .as("expired since it was last checked").isFalse();
        assertThat(anchors.chains(recipient.certificate(), List.of(), notBefore.minusSeconds(1)))
                .as("not yet valid").isFalse();
        assertThat(anchors.chains(recipient.certificate(), List.of(), TestPki.NOW)).isTrue();
    }

    @Test
    void a_certificate_of_another_authority_never_chains() throws Exception {
        TrustAnchors anchors = new TrustAnchors(List.of(TestPki.authority("Made-up Partner CA").certificate()));
        TestPki.Party stranger = TestPki.authority("Made-up Other CA").issue("Made-up Stranger");

        assertThat(anchors.chains(stranger.certificate(), List.of(), TestPki.NOW)).isFalse();
        assertThat(anchors.chains(stranger.certificate(), List.of(), TestPki.NOW)).isFalse();
    }
}
