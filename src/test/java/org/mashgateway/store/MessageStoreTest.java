package org.mashgateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

@JdbcTest
@Tag("database")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(classes = MessageStoreTest.Slice.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class MessageStoreTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.fresh(registry, "message-store");
    }

    private static final byte[] DOCUMENT = ("<DomesticAbuseNotification><Child><Given>Zephyrine</Given>"
            + "<Family>Testperson</Family><DateOfBirth>2016-04-09</DateOfBirth></Child></DomesticAbuseNotification>")
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path keys;

    @Autowired
    MessageStore store;

    @Autowired
    MasterKeySource masterKeys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MovableClock clock;

    private final GatewayReferences references = new GatewayReferences();

    @BeforeEach
    void emptyStore() {
        jdbc.update("DELETE FROM message_body");
    }

    @Test
    void aStoredBodyComesBackExactly() {
        String reference = references.next();
        byte[] large = new byte[1_048_576];
        Arrays.fill(large, (byte) 'x');
        String largeReference = references.next();

        store.put(reference, DOCUMENT);
        store.put(largeReference, large);

        assertThat(store.get(reference)).hasValueSatisfying(body -> assertThat(body).isEqualTo(DOCUMENT));
        assertThat(store.get(largeReference)).hasValueSatisfying(body -> assertThat(body).isEqualTo(large));
        assertThat(store.get(references.next())).isEmpty();
    }

    @Test
    void theDatabaseHoldsNoPlaintextAndEveryBodyHasItsOwnKeyAndIv() {
        String first = references.next();
        String second = references.next();
        store.put(first, DOCUMENT);
        store.put(second, DOCUMENT);

        Map<String, Object> a = row(first);
        Map<String, Object> b = row(second);

        for (Map<String, Object> row : List.of(a, b)) {
            for (Object column : row.values()) {
                byte[] bytes = column instanceof byte[] raw ? raw : String.valueOf(column).getBytes(StandardCharsets.UTF_8);
                assertThat(indexOf(bytes, "Zephyrine".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
                assertThat(indexOf(bytes, "2016-04-09".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
            }
            assertThat((byte[]) row.get("iv")).hasSize(12);
            assertThat((byte[]) row.get("wrapped_key")).hasSize(40);
            assertThat((byte[]) row.get("ciphertext")).hasSize(DOCUMENT.length + 16);
            assertThat(row.get("key_id")).isEqualTo("store-2026");
        }
        assertThat((byte[]) a.get("wrapped_key")).isNotEqualTo(b.get("wrapped_key"));
        assertThat((byte[]) a.get("iv")).isNotEqualTo(b.get("iv"));
        assertThat((byte[]) a.get("ciphertext")).isNotEqualTo(b.get("ciphertext"));
    }

    @Test
    void anAlteredCiphertextIvOrWrappedKeyDoesNotOpen() {
        for (String column : List.of("ciphertext", "iv", "wrapped_key")) {
            String reference = references.next();
            store.put(reference, DOCUMENT);
            byte[] value = (byte[]) row(reference).get(column);
            value[value.length / 2] ^= 0x01;
            jdbc.update("UPDATE message_body SET " + column + " = ? WHERE gateway_reference = ?", value, reference);

            assertThatThrownBy(() -> store.get(reference)).as(column)
                    .isInstanceOf(BodyIntegrityException.class)
                    .hasMessageContaining(reference)
                    .hasMessageNotContaining("Zephyrine");
        }
    }

    @Test
    void aBodyMovedToAnotherReferenceDoesNotOpen() {
        String original = references.next();
        String other = references.next();
        store.put(original, DOCUMENT);
        store.put(other, "<Other/>".getBytes(StandardCharsets.UTF_8));

        jdbc.update("UPDATE message_body SET wrapped_key = (SELECT wrapped_key FROM message_body WHERE gateway_reference = ?), "
                        + "iv = (SELECT iv FROM message_body WHERE gateway_reference = ?), "
                        + "ciphertext = (SELECT ciphertext FROM message_body WHERE gateway_reference = ?) WHERE gateway_reference = ?",
                original, original, original, other);

        assertThatThrownBy(() -> store.get(other)).isInstanceOf(BodyIntegrityException.class);
        assertThat(store.get(original)).hasValueSatisfying(body -> assertThat(body).isEqualTo(DOCUMENT));
    }

    @Test
    void aDestroyedBodyIsGoneForGoodEvenWithTheMasterKey() {
        String reference = references.next();
        store.put(reference, DOCUMENT);
        byte[] wrappedKey = (byte[]) row(reference).get("wrapped_key");
        clock.advance(Duration.ofDays(90));

        assertThat(store.destroy(reference)).isTrue();

        assertThat(store.get(reference)).isEmpty();
        Map<String, Object> tombstone = row(reference);
        assertThat(tombstone.get("wrapped_key")).isNull();
        assertThat(tombstone.get("iv")).isNull();
        assertThat(tombstone.get("ciphertext")).isNull();
        assertThat(tombstone.get("destroyed_at")).isNotNull();
        // The master key only unwraps data keys; the wrapped data key exists nowhere in the store any more.
        SecretKey master = masterKeys.key(masterKeys.currentKeyId());
        assertThat(master).isNotNull();
        List<byte[]> remainingKeys = jdbc.queryForList("SELECT wrapped_key FROM message_body WHERE wrapped_key IS NOT NULL", byte[].class);
        assertThat(remainingKeys).noneSatisfy(k -> assertThat(k).isEqualTo(wrappedKey));
        assertThat(store.destroy(reference)).isFalse();
        assertThat(store.destroy(references.next())).isFalse();
        assertThatThrownBy(() -> store.put(reference, DOCUMENT)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aPutRollsBackWithTheCallersTransaction() {
        TransactionTemplate callers = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        String reference = references.next();

        callers.executeWithoutResult(status -> {
            store.put(reference, DOCUMENT);
            assertThat(store.get(reference)).isPresent();
            status.setRollbackOnly();
        });

        assertThat(store.get(reference)).isEmpty();
    }

    @Test
    void bodiesAreStoredUnderGatewayReferencesOnly() {
        assertThatThrownBy(() -> store.put("POLICE-2026-0001", DOCUMENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("POLICE");
    }

    @Test
    void aBodyWrappedUnderAnEarlierMasterKeyStillOpensAfterRotation() throws Exception {
        String before = references.next();
        store.put(before, DOCUMENT);
        MasterKeySource rotated = new KeystoreMasterKeySource(new FileSystemResource(keys.resolve("store.p12")),
                TestKeystores.PASSWORD, "store-2027");
        MessageStore afterRotation = new MessageStore(dataSource, rotated, clock);
        String after = references.next();

        afterRotation.put(after, DOCUMENT);

        assertThat(row(after).get("key_id")).isEqualTo("store-2027");
        assertThat(afterRotation.get(before)).hasValueSatisfying(body -> assertThat(body).isEqualTo(DOCUMENT));
        assertThat(afterRotation.get(after)).hasValueSatisfying(body -> assertThat(body).isEqualTo(DOCUMENT));
    }

    private Map<String, Object> row(String reference) {
        return jdbc.queryForMap("SELECT * FROM message_body WHERE gateway_reference = ?", reference);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A clock the tests move forward by hand. */
    static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-01-05T09:00:00.123456789Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Slice {

        @Bean
        MovableClock clock() {
            return new MovableClock();
        }

        @Bean
        MasterKeySource masterKeySource() throws Exception {
            Path keystore = TestKeystores.withAesKeys(keys.resolve("store.p12"), 256, "store-2026", "store-2027");
            return new KeystoreMasterKeySource(new FileSystemResource(keystore), TestKeystores.PASSWORD, "store-2026");
        }

        @Bean
        MessageStore messageStore(DataSource dataSource, MasterKeySource masterKeySource, Clock clock) {
            return new MessageStore(dataSource, masterKeySource, clock);
        }
    }
}
