package org.mashgateway.store;

import javax.crypto.SecretKey;

/**
 * Where the master key that wraps every message's data key comes from: a PKCS#12 keystore by
 * default, an HSM or a cloud KMS later. Keys are named by id so that a rotated master key can
 * still unwrap what its predecessor wrapped.
 */
public interface MasterKeySource {

    /** The id of the key new bodies are wrapped with; stored beside each body. */
    String currentKeyId();

    /** The AES key with this id; throws {@link IllegalStateException} if there is none. */
    SecretKey key(String keyId);
}
