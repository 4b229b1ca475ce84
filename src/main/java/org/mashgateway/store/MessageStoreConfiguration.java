package org.mashgateway.store;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * Supplies the message store's master key from a PKCS#12 keystore. By default that is the
 * gateway's own keystore ({@code mash.signing.keystore}, password {@code mash.signing.password}),
 * holding an AES-256 secret entry {@code mash-store-master}; production may point
 * {@code mash.store.*} at a keystore of its own, or replace this bean with an HSM or KMS source.
 */
@Configuration(proxyBeanMethods = false)
class MessageStoreConfiguration {

    // Plain @Value rather than a properties record: each default falls back to another key's value,
    // which @ConfigurationProperties defaults cannot express.
    @Bean
    MasterKeySource masterKeySource(
            @Value("${mash.store.keystore:${mash.signing.keystore:file:certs-example/gateway.p12}}") Resource keystore,
            @Value("${mash.store.keystore-password:${mash.signing.password}}") String password,
            @Value("${mash.store.master-alias:mash-store-master}") String masterAlias) {
        return new KeystoreMasterKeySource(keystore, password.toCharArray(), masterAlias);
    }
}
