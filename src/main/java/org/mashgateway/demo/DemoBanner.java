package org.mashgateway.demo;

import java.util.List;
import org.mashgateway.broker.BrokerAddresses;
import org.mashgateway.broker.BrokerProtocols;
import org.mashgateway.directory.Agency;
import org.mashgateway.directory.CaseSystem;
import org.mashgateway.directory.Directory;
import org.mashgateway.directory.Force;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Tells a newcomer, once the demo is ready, where everything is: the HTTPS ingress, the admin
 * console, the broker and its demo users, the mail server and a mailbox login, and the one
 * command that sends the sample notification. Codes and local URLs only, nothing personal.
 */
final class DemoBanner implements ApplicationListener<ApplicationReadyEvent> {

    /** Sends the sample the project carries, dated now, with the demo police certificate (README). */
    static final String SEND_SAMPLE = "demo/send-sample.sh";

    private static final Logger log = LoggerFactory.getLogger(DemoBanner.class);

    private final Environment environment;
    private final Directory directory;
    private final ObjectProvider<DemoMailServer> mailServer;

    DemoBanner(Environment environment, Directory directory, ObjectProvider<DemoMailServer> mailServer) {
        this.environment = environment;
        this.directory = directory;
        this.mailServer = mailServer;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        log.info("{}", text());
    }

    String text() {
        String ingress = "https://localhost:" + environment.getProperty("server.port", "8443");
        String consolePort = environment.getProperty("mash.web.port", environment.getProperty("server.port", "8443"));
        StringBuilder text = new StringBuilder()
                .append("\n\n  MASH gateway demo is ready (loopback only, demo credentials; use the prod profile for real use)\n\n")
                .append("  HTTPS ingress   ").append(ingress).append("  (mutual TLS, certificates in certs-example/)\n")
                .append("  Admin console   https://localhost:").append(consolePort)
                .append("/admin  log in as operator (OPERATOR), admin (ADMIN) or auditor (AUDITOR: audit trail at")
                .append(" /admin/audit); password demo\n");
        appendBroker(text);
        appendMail(text);
        // The sample dated now, so that its deadlines lie ahead and its acknowledgement links work.
        text.append("\n  Send the sample notification as Derbyshire Constabulary, dated now:\n    ")
                .append(SEND_SAMPLE).append(' ').append(ingress).append('\n');
        return text.toString();
    }

    private void appendBroker(StringBuilder text) {
        boolean embedded = environment.getProperty("spring.artemis.mode", "embedded").equals("embedded");
        if (!embedded || !environment.getProperty("mash.broker.listen", Boolean.class, true)) {
            return;
        }
        text.append("  Broker          tcp://").append(environment.getProperty("mash.broker.host", "127.0.0.1"))
                .append(':').append(environment.getProperty("mash.broker.port", "61616"))
                .append("  protocols ").append(String.join(", ", BrokerProtocols.available()))
                .append("; user = partner code, password demo\n")
                .append("                  forces ").append(codes(directory.forces().stream().map(Force::code).toList()))
                .append(" send to ").append(BrokerAddresses.NOTIFICATIONS).append('\n')
                .append("                  case systems ")
                .append(codes(directory.caseSystems().stream().map(CaseSystem::code).toList()))
                .append(" send to ").append(BrokerAddresses.INFORMATION_REQUESTS)
                .append(", read ").append(BrokerAddresses.CASEWORK).append('\n')
                .append("                  agencies ").append(codes(directory.agencies().stream().map(Agency::code).toList()))
                .append(" send to ").append(BrokerAddresses.INFORMATION_RESPONSES)
                .append(" and ").append(BrokerAddresses.ACKNOWLEDGEMENTS)
                .append(", read ").append(BrokerAddresses.agencyQueue("<CODE>")).append(" (channel QUEUE)\n")
                .append("                  every partner reads its error reports on ")
                .append(BrokerAddresses.replyQueue("<CODE>")).append('\n');
    }

    private void appendMail(StringBuilder text) {
        DemoMailServer mail = mailServer.getIfAvailable();
        if (mail == null) {
            return;
        }
        text.append("  Mail            SMTP ").append(environment.getProperty("mash.mail.smtp.host", "127.0.0.1"))
                .append(':').append(mail.smtpPort())
                .append(", IMAP ").append(environment.getProperty("mash.mail.imap.host", "127.0.0.1"))
                .append(':').append(mail.imapPort())
                .append("; every directory address has a mailbox, e.g. login ").append(mail.gatewayAddress())
                .append(", password ").append(DemoMailServer.DEMO_PASSWORD).append('\n');
    }

    private static String codes(List<String> codes) {
        return codes.isEmpty() ? "(none)" : String.join(", ", codes);
    }
}
