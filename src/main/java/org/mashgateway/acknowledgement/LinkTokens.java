package org.mashgateway.acknowledgement;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.mashgateway.store.MasterKeySource;
import org.springframework.stereotype.Component;

/**
 * Makes the token of an acknowledgement link when its mail is built, so that no token is kept
 * anywhere: HMAC-SHA-256 over the output reference and the link's issue nonce, under a link key
 * derived with HKDF (in a domain of its own) from the message store's master key, which lives
 * outside the database. The database holds the nonce, the key id and the token's SHA-256, none of
 * which makes a link; the same inputs always give the same token, so a resend, a retry or the
 * deputy's copy carries a link that works.
 */
@Component
class LinkTokens {

    /** The HKDF info: keeps the link key apart from every other use of the master key. */
    private static final byte[] DOMAIN = "mash-gateway acknowledgement-link token key v1".getBytes(StandardCharsets.US_ASCII);
    private static final String HMAC = "HmacSHA256";
    /** 128 bits: 22 characters of URL-safe base64, the shape {@link LinkIssuer#wellFormed} accepts. */
    private static final int TOKEN_BYTES = 16;

    private final MasterKeySource masterKeys;
    private final Map<String, SecretKey> linkKeys = new ConcurrentHashMap<>();

    LinkTokens(MasterKeySource masterKeys) {
        this.masterKeys = masterKeys;
    }

    /** The id of the master key new links are derived under; kept beside the link. */
    String currentKeyId() {
        return masterKeys.currentKeyId();
    }

    /** The token of the link issued for {@code outputReference} with {@code nonce} under master key {@code keyId}. */
    String token(String keyId, String outputReference, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(linkKeys.computeIfAbsent(keyId, this::linkKey));
            mac.update(outputReference.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            mac.update(nonce);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac.doFinal(), TOKEN_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", e);
        }
    }

    private SecretKey linkKey(String keyId) {
        byte[] master = masterKeys.key(keyId).getEncoded();
        if (master == null) {
            throw new IllegalStateException("the master key '" + keyId + "' cannot be read out to derive the link key");
        }
        byte[] derived = new byte[32];
        try {
            HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
            hkdf.init(new HKDFParameters(master, null, DOMAIN));
            hkdf.generateBytes(derived, 0, derived.length);
            return new SecretKeySpec(derived, HMAC);
        } finally {
            Arrays.fill(master, (byte) 0);
            Arrays.fill(derived, (byte) 0);
        }
    }
}
