package org.mashgateway.intake;

/** How a document reached the gateway. */
public enum IngressChannel {
    HTTPS,
    QUEUE,
    MAIL
}
