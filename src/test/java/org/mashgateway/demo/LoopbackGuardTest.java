package org.mashgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mashgateway.broker.FixedDirectory;
import org.mashgateway.directory.Directory;
import org.mashgateway.scheduling.Pollers;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mock.env.MockEnvironment;

class LoopbackGuardTest {

    private static MockEnvironment loopbackDemo() {
        return new MockEnvironment().withProperty("server.address", "127.0.0.1");
    }

    @Test
    void loopbackAddressesAndLocalhostCount() {
        assertThat(LoopbackGuard.isLoopback("127.0.0.1")).isTrue();
        assertThat(LoopbackGuard.isLoopback("127.10.20.30")).isTrue();
        assertThat(LoopbackGuard.isLoopback("::1")).isTrue();
        assertThat(LoopbackGuard.isLoopback("[::1]")).isTrue();
        assertThat(LoopbackGuard.isLoopback("LocalHost")).isTrue();
    }

    @Test
    void wildcardAndOtherAddressesDoNotCount() {
        assertThat(LoopbackGuard.isLoopback("0.0.0.0")).isFalse();
        assertThat(LoopbackGuard.isLoopback("::")).isFalse();
        assertThat(LoopbackGuard.isLoopback("192.0.2.10")).isFalse();
        assertThat(LoopbackGuard.isLoopback("")).isFalse();
    }

    @Test
    void allLoopbackPasses() {
        assertThatCode(() -> new LoopbackGuard(loopbackDemo()).check()).doesNotThrowAnyException();
    }

    @Test
    void webServerOnEveryInterfaceIsRefused() {
        assertThatThrownBy(() -> new LoopbackGuard(new MockEnvironment()).check())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(LoopbackGuard.REFUSAL)
                .hasMessageContaining("server.address");
    }

    @Test
    void brokerOnANonLoopbackHostIsRefused() {
        MockEnvironment environment = loopbackDemo().withProperty("mash.broker.host", "192.0.2.10");

        assertThatThrownBy(() -> new LoopbackGuard(environment).check())
                .hasMessage(LoopbackGuard.REFUSAL + " (mash.broker.host=192.0.2.10)");
    }

    @Test
    void brokerHostIsIrrelevantWhenTheBrokerDoesNotListen() {
        MockEnvironment environment = loopbackDemo()
                .withProperty("mash.broker.host", "192.0.2.10")
                .withProperty("mash.broker.listen", "false");

        assertThatCode(() -> new LoopbackGuard(environment).check()).doesNotThrowAnyException();
    }

    @Test
    void mailServerOnANonLoopbackHostIsRefused() {
        MockEnvironment environment = loopbackDemo().withProperty("mash.mail.imap.host", "0.0.0.0");

        assertThatThrownBy(() -> new LoopbackGuard(environment).check())
                .hasMessageContaining("mash.mail.imap.host=0.0.0.0");
    }

    @Test
    void demoApplicationRefusesToStartOnANonLoopbackAddress() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(DemoOnly.class)
                .web(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--server.address=192.0.2.10", "--mash.demo.mail.enabled=false"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(LoopbackGuard.REFUSAL);
    }

    @Test
    void productionProfileWithoutTheDemoStartsOnAnyAddress() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(DemoOnly.class)
                .web(WebApplicationType.NONE);

        assertThatCode(() -> application.run("--server.address=192.0.2.10", "--mash.demo.enabled=false").close())
                .doesNotThrowAnyException();
    }

    @Configuration(proxyBeanMethods = false)
    @Import(DemoConfiguration.class)
    static class DemoOnly {
        @Bean
        Directory directory() {
            return FixedDirectory.demo();
        }

        @Bean
        Pollers pollers() {
            return new Pollers(new SimpleMeterRegistry());
        }
    }
}
