package org.mashgateway.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.crypto.KeyGenerator;

/** Writes throw-away PKCS#12 keystores holding freshly generated AES secret entries. */
final class TestKeystores {

    static final char[] PASSWORD = "test-only".toCharArray();

    private TestKeystores() {}

    static Path withAesKeys(Path file, int bits, String... aliases) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(bits);
        for (String alias : aliases) {
            keyStore.setEntry(alias, new KeyStore.SecretKeyEntry(generator.generateKey()), new KeyStore.PasswordProtection(PASSWORD));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore.store(out, PASSWORD);
        }
        return file;
    }
}
