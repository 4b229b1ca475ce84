package org.mashgateway.support;

import org.springframework.test.annotation.DirtiesContext;

/**
 * Base of tests that run a gateway of their own, because they configure it (a setting, a clock, a
 * port) or change what other tests would see (a mail outage, a paused route).
 *
 * <p>Each subclass declares a {@code @DynamicPropertySource} that calls {@link #isolatedDataDir},
 * and the context is closed after the class so that only one such gateway runs at a time.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class GatewayTest extends GatewayTestSupport {
}
