package org.mashgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.XmlDocuments;

/** The warm-up's made-up notification is one intake accepts as valid, dated from the clock. */
class NotificationWarmUpTest {

    @Test
    void the_warm_up_document_is_a_valid_notification_dated_from_the_clock() throws Exception {
        Instant now = Instant.now().plusSeconds(86_400L * 400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        XmlDocuments xml = new XmlDocuments(1_048_576, 64);
        NotificationWarmUp warmUp = new NotificationWarmUp(xml, Clock.fixed(now, ZoneOffset.UTC));

        warmUp.run();

        String document = new String(warmUp.document(), StandardCharsets.UTF_8);
        assertThat(xml.read(warmUp.document()).type()).isEqualTo(DocumentType.DA_NOTIFICATION);
        assertThat(document).contains("<CreatedAt>" + now + "</CreatedAt>").doesNotContain("${");
    }
}
