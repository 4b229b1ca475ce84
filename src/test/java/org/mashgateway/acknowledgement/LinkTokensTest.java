package org.mashgateway.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.mashgateway.store.MasterKeySource;

/** Link tokens made again from what the database holds, only with the master key that lives outside it. */
class LinkTokensTest {

    private static final String REFERENCE = "MGW-01JF0000000000000000000001";
    private static final byte[] NONCE = "sixteen-byte-nce".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, SecretKey> masterKeys = Map.of("old", aesKey(), "current", aesKey());
    private final LinkTokens tokens = new LinkTokens(new MasterKeySource() {
        @Override
        public String currentKeyId() {
            return "current";
        }

        @Override
        public SecretKey key(String keyId) {
            if (!masterKeys.containsKey(keyId)) {
                throw new IllegalStateException("no key " + keyId);
            }
            return masterKeys.get(keyId);
        }
    });

    @Test
    void the_same_link_gives_the_same_token_of_the_issued_shape_every_time() {
        String token = tokens.token("current", REFERENCE, NONCE);

        assertThat(tokens.token("current", REFERENCE, NONCE.clone())).isEqualTo(token);
        assertThat(LinkIssuer.wellFormed(token)).isTrue();
    }

    @Test
    void another_nonce_reference_or_master_key_gives_another_token() {
        String token = tokens.token("current", REFERENCE, NONCE);

        assertThat(tokens.token("current", REFERENCE, "another-16-bytes".getBytes(StandardCharsets.US_ASCII)))
                .isNotEqualTo(token);
        assertThat(tokens.token("current", "MGW-01JF0000000000000000000002", NONCE)).isNotEqualTo(token);
        assertThat(tokens.token("old", REFERENCE, NONCE)).isNotEqualTo(token);
    }

    @Test
    void without_the_master_key_there_is_no_token() {
        assertThatThrownBy(() -> tokens.token("gone", REFERENCE, NONCE)).isInstanceOf(IllegalStateException.class);
    }

    private static SecretKey aesKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }
}
