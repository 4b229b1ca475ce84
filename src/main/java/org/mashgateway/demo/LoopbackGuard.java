package org.mashgateway.demo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Refuses to start the demo where its well-known credentials (password {@code demo} for the
 * broker, mailboxes and console) would be reachable from another machine. It runs as a bean
 * factory post-processor, before any bean exists, so nothing has bound a port when it refuses.
 */
final class LoopbackGuard implements BeanFactoryPostProcessor {

    static final String REFUSAL =
            "demo credentials must not be exposed on a non-loopback address; use the prod profile";

    private final Environment environment;

    LoopbackGuard(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check();
    }

    /** Throws {@link IllegalStateException} naming the first offending key; returns quietly otherwise. */
    void check() {
        // Without server.address the web server binds every interface.
        requireLoopback("server.address", environment.getProperty("server.address", "0.0.0.0"));
        String webAddress = environment.getProperty("mash.web.address");
        if (webAddress != null) {
            requireLoopback("mash.web.address", webAddress);
        }
        if (environment.getProperty("mash.broker.listen", Boolean.class, true)) {
            requireLoopback("mash.broker.host", environment.getProperty("mash.broker.host", "127.0.0.1"));
        }
        if (environment.getProperty("mash.demo.mail.enabled", Boolean.class, true)) {
            requireLoopback("mash.mail.smtp.host", environment.getProperty("mash.mail.smtp.host", "127.0.0.1"));
            requireLoopback("mash.mail.imap.host", environment.getProperty("mash.mail.imap.host", "127.0.0.1"));
        }
    }

    private static void requireLoopback(String key, String host) {
        if (!isLoopback(host)) {
            throw new IllegalStateException(REFUSAL + " (" + key + "=" + host + ")");
        }
    }

    /** 127.0.0.0/8, ::1 and localhost; a host name counts only if every address it resolves to is loopback. */
    static boolean isLoopback(String host) {
        String name = host.strip();
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.isEmpty()) {
            return false;
        }
        if (name.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(name);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
