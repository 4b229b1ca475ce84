package org.mashgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MessageStoreConfigurationTest {

    @TempDir
    Path dir;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(MessageStoreConfiguration.class);

    @Test
    void theStoreKeystoreAndAliasComeFromMashStoreKeys() throws Exception {
        Path keystore = TestKeystores.withAesKeys(dir.resolve("own.p12"), 256, "rotated-master");

        context.withPropertyValues("mash.store.keystore=file:" + keystore, "mash.store.keystore-password=test-only",
                        "mash.store.master-alias=rotated-master")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started.getBean(MasterKeySource.class).currentKeyId()).isEqualTo("rotated-master");
                });
    }

    @Test
    void byDefaultTheMasterKeyIsInTheSigningKeystoreUnderMashStoreMaster() throws Exception {
        Path keystore = TestKeystores.withAesKeys(dir.resolve("gateway.p12"), 256, "mash-store-master");

        context.withPropertyValues("mash.signing.keystore=file:" + keystore, "mash.signing.password=test-only")
                .run(started -> assertThat(started.getBean(MasterKeySource.class).currentKeyId()).isEqualTo("mash-store-master"));
    }

    @Test
    void aMissingOrShortMasterKeyStopsTheStart() throws Exception {
        Path short128 = TestKeystores.withAesKeys(dir.resolve("short.p12"), 128, "mash-store-master");

        context.withPropertyValues("mash.store.keystore=file:" + short128, "mash.store.keystore-password=test-only")
                .run(started -> assertThat(started).getFailure().hasRootCauseMessage(
                        "the message store key 'mash-store-master' is not an AES-256 key"));
        context.withPropertyValues("mash.store.keystore=file:" + short128, "mash.store.keystore-password=test-only",
                        "mash.store.master-alias=absent")
                .run(started -> assertThat(started).getFailure().hasRootCauseMessage(
                        "the message store keystore has no secret key entry 'absent'"));
    }
}
