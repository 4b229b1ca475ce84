package org.mashgateway.protection;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway's own signing and decryption key lives ({@code mash.signing.*}).
 *
 * @param keystore the PKCS#12 file, default {@code file:certs-example/gateway.p12}
 * @param password its password: no default, the demo profile supplies the demo one
 * @param alias the key entry, default {@code gateway}
 */
@Validated
@ConfigurationProperties("mash.signing")
record SigningProperties(
        @DefaultValue("file:certs-example/gateway.p12") @NotNull Resource keystore,
        @NotBlank String password,
        @DefaultValue("gateway") @NotBlank String alias) {}
