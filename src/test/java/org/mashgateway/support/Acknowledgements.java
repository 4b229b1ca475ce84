package org.mashgateway.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** An agency's Acknowledgement document (interfaces.md), as its case system sends it. */
public final class Acknowledgements {

    private Acknowledgements() {}

    /** That {@code agency} received the delivery {@code reference}, now. */
    public static String of(String reference, String agency) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Acknowledgement xmlns="urn:mash-gateway:acknowledgement:1" version="1.0">
                  <Reference>%s</Reference>
                  <AcknowledgedBy>%s</AcknowledgedBy>
                  <AcknowledgedAt>%s</AcknowledgedAt>
                </Acknowledgement>
                """.formatted(reference, agency, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }
}
