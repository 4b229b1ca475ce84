package org.mashgateway.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.mashgateway.reference.GatewayReferences;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps message bodies encrypted at rest, one per gateway reference, until the retention job
 * destroys them.
 *
 * <p>Each body gets a fresh AES-256 data key and a 96-bit IV and is sealed with AES-GCM, the
 * reference as associated data so a body moved to another reference will not open. The data key
 * is stored only wrapped (AES Key Wrap, RFC 3394) by the current master key, whose id is stored
 * with the row. Destroying a body erases its wrapped key, IV and ciphertext: without the wrapped
 * key no master key can open any copy of the ciphertext left in a backup.
 *
 * <p>Every statement runs through Spring's JDBC support, so it joins the caller's transaction when
 * there is one: a body stored while accepting a message commits or rolls back with the acceptance.
 * The store writes nothing to the audit trail; callers record DESTROYED and the like themselves.
 */
@Component
public class MessageStore {

    private static final String DATA_CIPHER = "AES/GCM/NoPadding";
    private static final String KEY_WRAP = "AESWrap";
    private static final int DATA_KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcTemplate jdbc;
    private final MasterKeySource masterKeys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public MessageStore(DataSource dataSource, MasterKeySource masterKeys, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.masterKeys = masterKeys;
        this.clock = clock;
    }

    /** Stores the body of a new reference; a reference already stored (or destroyed) is refused. */
    public void put(String reference, byte[] body) {
        requireReference(reference);
        byte[] dataKeyBytes = new byte[DATA_KEY_BYTES];
        random.nextBytes(dataKeyBytes);
        SecretKey dataKey = new SecretKeySpec(dataKeyBytes, "AES");
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        String keyId = masterKeys.currentKeyId();
        byte[] ciphertext;
        byte[] wrappedKey;
        try {
            Cipher seal = Cipher.getInstance(DATA_CIPHER);
            seal.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, iv));
            seal.updateAAD(reference.getBytes(StandardCharsets.US_ASCII));
            ciphertext = seal.doFinal(body);
            Cipher wrap = Cipher.getInstance(KEY_WRAP);
            wrap.init(Cipher.WRAP_MODE, masterKeys.key(keyId));
            wrappedKey = wrap.wrap(dataKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the body of " + reference, e);
        }
        jdbc.update("INSERT INTO message_body (gateway_reference, stored_at, key_id, wrapped_key, iv, ciphertext) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                reference, now(), keyId, wrappedKey, iv, ciphertext);
    }

    /** The body of this reference, or empty if none was stored or it has been destroyed. */
    public Optional<byte[]> get(String reference) {
        List<Sealed> rows = jdbc.query(
                "SELECT key_id, wrapped_key, iv, ciphertext FROM message_body "
                        + "WHERE gateway_reference = ? AND destroyed_at IS NULL",
                (rs, n) -> new Sealed(rs.getString(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4)),
                reference);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Sealed sealed = rows.get(0);
        try {
            Cipher unwrap = Cipher.getInstance(KEY_WRAP);
            unwrap.init(Cipher.UNWRAP_MODE, masterKeys.key(sealed.keyId()));
            Key dataKey = unwrap.unwrap(sealed.wrappedKey(), "AES", Cipher.SECRET_KEY);
            Cipher open = Cipher.getInstance(DATA_CIPHER);
            open.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, sealed.iv()));
            open.updateAAD(reference.getBytes(StandardCharsets.US_ASCII));
            return Optional.of(open.doFinal(sealed.ciphertext()));
        } catch (GeneralSecurityException e) {
            throw new BodyIntegrityException(reference, e);
        }
    }

    /**
     * Irreversibly destroys the body of this reference: its wrapped data key, IV and ciphertext are
     * erased and the row stays only as a tombstone saying when. Returns whether there was a live
     * body to destroy.
     */
    public boolean destroy(String reference) {
        return jdbc.update("UPDATE message_body SET wrapped_key = NULL, iv = NULL, ciphertext = NULL, destroyed_at = ? "
                        + "WHERE gateway_reference = ? AND destroyed_at IS NULL",
                now(), reference) == 1;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static void requireReference(String reference) {
        if (!GatewayReferences.isWellFormed(reference)) {
            throw new IllegalArgumentException("bodies are stored under gateway references only");
        }
    }

    private record Sealed(String keyId, byte[] wrappedKey, byte[] iv, byte[] ciphertext) {}
}
