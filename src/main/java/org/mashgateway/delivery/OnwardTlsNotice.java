package org.mashgateway.delivery;

import org.mashgateway.directory.Agency;
import org.mashgateway.directory.Directory;
import org.mashgateway.directory.Protection;
import org.mashgateway.directory.School;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Says at start what happens to signed-only mail, so that an operator learns it from the log rather
 * than from a FAILED delivery: how many recipients have {@code protection: tls} without a certificate
 * to fall back on is not known until a mail is built, so it counts the {@code tls} entries, and says
 * whether the operator has confirmed that the relay requires TLS onward.
 */
final class OnwardTlsNotice {

    private static final Logger log = LoggerFactory.getLogger(OnwardTlsNotice.class);

    private final Directory directory;
    private final SmtpSender smtp;

    OnwardTlsNotice(Directory directory, SmtpSender smtp) {
        this.directory = directory;
        this.smtp = smtp;
    }

    @EventListener(ApplicationReadyEvent.class)
    void tellTheOperator() {
        long tlsRecipients = directory.agencies().stream().map(Agency::protection).filter(Protection.TLS::equals).count()
                + directory.schools().stream().map(School::protection).filter(Protection.TLS::equals).count();
        if (tlsRecipients == 0) {
            return;
        }
        if (smtp.onwardTls() == OnwardTls.CONFIRMED) {
            log.info("{} recipient(s) have protection tls: signed-only mail to them goes to the relay, which the operator "
                    + "has confirmed requires TLS onward (mash.mail.smtp.onward-tls=confirmed)", tlsRecipients);
        } else {
            log.warn("{} recipient(s) have protection tls: signed-only mail to them goes only if the relay offers "
                    + "REQUIRETLS, and otherwise fails with ONWARD_TLS_NOT_ASSURED; set mash.mail.smtp.onward-tls=confirmed "
                    + "only once the relay requires TLS to every next hop (docs/operations.md)", tlsRecipients);
        }
    }
}
