package org.mashgateway.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Limits and trust anchors of the ingress (HTTPS and queues).
 *
 * @param maxBytes largest accepted document; larger ones are refused before parsing (413)
 * @param maxDepth deepest element nesting accepted
 * @param trustStore trust anchors that caller certificates must chain to
 * @param retryAfterSeconds what a 503 tells the caller to wait
 */
@Validated
@ConfigurationProperties("mash.ingress")
public record IngressProperties(
        @DefaultValue("1048576") @Positive long maxBytes,
        @DefaultValue("64") @Positive int maxDepth,
        @NotNull Resource trustStore,
        @NotNull String trustStorePassword,
        @DefaultValue("30") @Positive int retryAfterSeconds) {}
