package org.mashgateway.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.mashgateway.warmup.WarmUpExercise;
import org.mashgateway.xml.DocumentRejectedException;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.ParsedDocument;
import org.mashgateway.xml.XmlDocuments;
import org.springframework.stereotype.Component;

/**
 * Reads a made-up notification (classpath {@code warmup/da-notification.xml}, dated from the clock)
 * as intake reads every notification: hardened parse, schema validation, canonical form and the
 * facts intake decides on. Nothing is stored.
 */
@Component
class NotificationWarmUp implements WarmUpExercise {

    private static final String TEMPLATE = "warmup/da-notification.xml";

    private final XmlDocuments xml;
    private final byte[] document;

    NotificationWarmUp(XmlDocuments xml, Clock clock) {
        this.xml = xml;
        this.document = dated(template(), clock);
    }

    @Override
    public String name() {
        return "notification-xml";
    }

    @Override
    public void run() throws DocumentRejectedException {
        ParsedDocument parsed = xml.read(document);
        if (parsed.type() != DocumentType.DA_NOTIFICATION) {
            throw new IllegalStateException("the warm-up document is not a DomesticAbuseNotification");
        }
        NotificationFacts.of(parsed.type(), parsed.document());
    }

    /** The document as the warm-up reads it (for its test). */
    byte[] document() {
        return document.clone();
    }

    private static byte[] dated(String template, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return template.replace("${createdAt}", now.toString())
                .replace("${incidentAt}", now.minus(1, ChronoUnit.HOURS).toString())
                .replace("${adultBirthDate}", today.minusYears(30).toString())
                .replace("${childBirthDate}", today.minusYears(8).toString())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String template() {
        try (InputStream in = NotificationWarmUp.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("classpath:" + TEMPLATE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
