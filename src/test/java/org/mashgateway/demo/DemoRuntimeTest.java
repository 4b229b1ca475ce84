package org.mashgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mashgateway.broker.FixedDirectory;
import org.mashgateway.directory.Channel;
import org.mashgateway.scheduling.Pollers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
@SpringBootTest(
        classes = DemoRuntimeTest.DemoOnly.class,
        properties = {
            "server.address=127.0.0.1",
            "server.port=8443",
            "mash.web.port=8444",
            "mash.broker.port=61616",
            "mash.mail.smtp.port=0",
            "mash.mail.imap.port=0",
            "mash.demo.mail.reprovision-interval=100ms"
        })
class DemoRuntimeTest {

    @Configuration(proxyBeanMethods = false)
    @Import(DemoConfiguration.class)
    static class DemoOnly {
        @Bean
        FixedDirectory directory() {
            return FixedDirectory.demo();
        }

        @Bean
        Pollers pollers() {
            return new Pollers(new SimpleMeterRegistry());
        }
    }

    @Autowired
    DemoMailServer mailServer;

    @Autowired
    FixedDirectory directory;

    @Autowired
    ConfigurableApplicationContext context;

    private void imapLogin(String user, String password) throws MessagingException {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", mailServer.imapPort(), user, password);
            assertThat(store.getFolder("INBOX").exists()).isTrue();
        }
    }

    @Test
    void everyDirectoryAddressAndTheGatewayHaveAMailboxOpenedWithDemo() throws MessagingException {
        assertThat(mailServer.addresses()).containsExactlyInAnyOrder(
                "mash-gateway@localhost", "health1@health.example", "prob1@probation.example",
                "csc-mash@derby.example", "safeguarding@example-primary.example", "deputy@example-primary.example",
                "mash-admins@localhost");

        imapLogin("csc-mash@derby.example", "demo");
        imapLogin("deputy@example-primary.example", "demo");
        imapLogin("mash-gateway@localhost", "demo");
        imapLogin("mash-admins@localhost", "demo");
    }

    @Test
    void wrongMailboxPasswordIsRefused() {
        assertThatThrownBy(() -> imapLogin("csc-mash@derby.example", "not-demo"))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void addressAddedToTheDirectoryWhileRunningGetsAMailbox() {
        directory.agencies.add(FixedDirectory.agency("NEWCO", Channel.EMAIL, "newco@agency.example"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> imapLogin("newco@agency.example", "demo"));
    }

    @Test
    void bannerLoggedWhenReadyTellsWhereEverythingIsAndHowToSendTheSample(CapturedOutput output) {
        context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));

        assertThat(output.getOut())
                .contains("https://localhost:8443")
                .contains("https://localhost:8444/admin")
                .contains("log in as operator (OPERATOR), admin (ADMIN) or auditor (AUDITOR: audit trail at /admin/audit);"
                        + " password demo")
                .contains("tcp://127.0.0.1:61616")
                .contains("forces DERBYS")
                .contains("SMTP 127.0.0.1:" + mailServer.smtpPort())
                .contains("IMAP 127.0.0.1:" + mailServer.imapPort())
                .contains("login mash-gateway@localhost, password demo")
                .contains("demo/send-sample.sh https://localhost:8443");
    }
}
