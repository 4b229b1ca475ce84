package org.mashgateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.mashgateway.audit.SubjectKeys;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Refuses to start outside the demo with a secret or a trust source this project publishes: the
 * demo subject key in the source code, the keys and CA of {@code certs-example/} (their private
 * keys are in the repository) and the demo directory. With them anyone could confirm a person in
 * the audit trail, read stored messages, sign as the gateway or mint a partner's certificate.
 *
 * <p>The demo is {@code mash.demo.enabled=true}: the demo profile sets it (and with it the demo's
 * loopback guard), {@code prod} sets it false, and a run that sets neither is not the demo.
 *
 * <p>It runs as a bean factory post-processor, before any bean exists, so nothing has opened the
 * database or bound a port when it refuses. The refusal names every offending key, never a value.
 */
final class PublishedSecretsGuard implements BeanFactoryPostProcessor, PriorityOrdered {

    static final String REFUSAL = "the gateway does not start outside the demo (mash.demo.enabled=true) with public demo secrets";

    /** Unset, these fall back to the demo's files (see SigningProperties and ConfiguredDirectory). */
    private static final List<String> REQUIRED_LOCATIONS = List.of("mash.directory", "mash.signing.keystore");

    /** Keys, keystores and trust sources that must not be the published demo ones when set. */
    private static final List<String> LOCATIONS = List.of(
            "mash.directory",
            "mash.signing.keystore",
            "mash.store.keystore",
            "server.ssl.key-store",
            "server.ssl.trust-store",
            "mash.ingress.trust-store",
            "mash.alerts.certificate");

    /** certs-example/ wherever it was copied to, and the demo resources on the class path. */
    private static final Pattern DEMO_LOCATION = Pattern.compile("(^|[/\\\\:])certs-example[/\\\\]|^classpath\\*?:/?demo/");

    private final Environment environment;

    PublishedSecretsGuard(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Throws {@link IllegalStateException} naming every offending key; returns quietly otherwise. */
    void check() {
        if (environment.getProperty("mash.demo.enabled", Boolean.class, false)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        String subjectKey = value("mash.audit.subject-key");
        if (subjectKey == null || subjectKey.equals(SubjectKeys.DEMO_SUBJECT_KEY)) {
            problems.add("mash.audit.subject-key is not set or is the public demo key: set a secret of your own"
                    + " (Base64 of at least 32 random bytes) and keep it for as long as the audit trail");
        }
        for (String key : REQUIRED_LOCATIONS) {
            if (value(key) == null) {
                problems.add(key + " is not set, so the demo's would be used: set your own");
            }
        }
        for (String key : LOCATIONS) {
            String location = value(key);
            if (location != null && DEMO_LOCATION.matcher(location).find()) {
                problems.add(key + " points at the public demo files (certs-example/ or classpath:demo/): use your own");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(REFUSAL + ": " + String.join("; ", problems));
        }
    }

    /** The key's value, or null when unset, blank or resolving to a placeholder nobody set (its own user reports that). */
    private String value(String key) {
        try {
            String value = environment.getProperty(key);
            return value == null || value.isBlank() ? null : value.strip();
        } catch (IllegalArgumentException unresolvable) {
            return null;
        }
    }
}
