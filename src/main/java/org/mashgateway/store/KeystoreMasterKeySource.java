package org.mashgateway.store;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.springframework.core.io.Resource;

/**
 * Master keys held as AES secret-key entries in a PKCS#12 keystore, one entry per key id (alias).
 * Rotation: add an entry under a new alias and make it current; bodies wrapped under the old alias
 * still open for as long as its entry stays in the keystore.
 */
class KeystoreMasterKeySource implements MasterKeySource {

    private final KeyStore keyStore;
    private final char[] password;
    private final String currentAlias;
    private final Map<String, SecretKey> loaded = new ConcurrentHashMap<>();

    KeystoreMasterKeySource(Resource keystore, char[] password, String currentAlias) {
        this.password = password.clone();
        this.currentAlias = currentAlias;
        try (InputStream in = keystore.getInputStream()) {
            this.keyStore = KeyStore.getInstance("PKCS12");
            this.keyStore.load(in, this.password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the message store keystore " + keystore.getDescription(), e);
        }
        // Fail at start-up, not at the first message, if the current key is missing or unusable.
        key(currentAlias);
    }

    @Override
    public String currentKeyId() {
        return currentAlias;
    }

    @Override
    public SecretKey key(String keyId) {
        return loaded.computeIfAbsent(keyId, this::load);
    }

    private SecretKey load(String alias) {
        try {
            if (!keyStore.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
                throw new IllegalStateException("the message store keystore has no secret key entry '" + alias + "'");
            }
            KeyStore.SecretKeyEntry entry = (KeyStore.SecretKeyEntry) keyStore.getEntry(alias,
                    new KeyStore.PasswordProtection(password));
            SecretKey key = entry.getSecretKey();
            byte[] encoded = key.getEncoded();
            boolean aes256 = "AES".equalsIgnoreCase(key.getAlgorithm()) && encoded != null && encoded.length == 32;
            if (encoded != null) {
                Arrays.fill(encoded, (byte) 0);
            }
            if (!aes256) {
                throw new IllegalStateException("the message store key '" + alias + "' is not an AES-256 key");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the message store key '" + alias + "'", e);
        }
    }
}
