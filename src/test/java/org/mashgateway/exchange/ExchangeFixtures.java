package org.mashgateway.exchange;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mashgateway.support.AgencyMail;
import org.mashgateway.support.OpenedMail;

/**
 * Information exchange documents with made-up people, and how the case system opens what the
 * gateway sends it. The agency's signed mail is built by {@link AgencyMail}.
 */
final class ExchangeFixtures {

    /** A RespondBy still ahead, and one already passed: a month either side of the run. */
    static final String FUTURE = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString();
    static final String PAST = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString();

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private ExchangeFixtures() {}

    static String freshId(String prefix) {
        return prefix + "-T" + SEQUENCE.incrementAndGet();
    }

    /** A request about two made-up subjects: s1 a child, s2 a parent. */
    static String request(String requestId, String agency, String respondBy) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <InformationRequest xmlns="urn:mash-gateway:information-exchange:1" version="1.0">
                  <RequestId>%s</RequestId>
                  <CaseReference>LCS-900001</CaseReference>
                  <Classification>OFFICIAL-SENSITIVE</Classification>
                  <RequestingTeam>Derby City MASH - test team</RequestingTeam>
                  <ToAgency code="%s">Partner agency</ToAgency>
                  <Purpose>S47_STRATEGY</Purpose>
                  <LawfulBasis>Children Act 1989 s47</LawfulBasis>
                  <RespondBy>%s</RespondBy>
                  <Subject id="s1" role="CHILD">
                    <Name><Given>Wilhelmina</Given><Family>Quarrington</Family></Name>
                    <DateOfBirth>2017-04-11</DateOfBirth>
                  </Subject>
                  <Subject id="s2" role="PARENT_CARER">
                    <Name><Given>Ptolemy</Given><Family>Quarrington</Family></Name>
                    <DateOfBirth>1988-09-23</DateOfBirth>
                  </Subject>
                </InformationRequest>
                """.formatted(requestId, agency, respondBy);
    }

    /**
     * A response answering s1 (shared, one item) and, when {@code confidentialReason} is not null,
     * s2 (partially shared, confidential information held with that Reason).
     */
    static String response(String responseId, String requestId, String agency, String item, String confidentialReason) {
        String second = confidentialReason == null ? "" : """
                  <SubjectResponse subjectRef="s2">
                    <Known>true</Known>
                    <ConfidentialInformationHeld>
                      <HeldBy>Derby Health Safeguarding Team</HeldBy>
                      <ContactRole>Named Nurse for Safeguarding</ContactRole>
                      <Reason>%s</Reason>
                    </ConfidentialInformationHeld>
                    <SharingDecision>
                      <Decision>PARTIALLY_SHARED</Decision>
                      <Consent>NOT_SOUGHT</Consent>
                      <LawfulBasis>Children Act 1989 s47</LawfulBasis>
                      <Rationale>Confidential information held; contact the Named Nurse.</Rationale>
                    </SharingDecision>
                  </SubjectResponse>
                """.formatted(confidentialReason);
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <InformationResponse xmlns="urn:mash-gateway:information-exchange:1" version="1.0">
                  <ResponseId>%s</ResponseId>
                  <RequestId>%s</RequestId>
                  <FromAgency code="%s">Partner agency</FromAgency>
                  <Classification>OFFICIAL-SENSITIVE</Classification>
                  <RespondedAt>2026-11-21T13:20:00Z</RespondedAt>
                  <SubjectResponse subjectRef="s1">
                    <Known>true</Known>
                    <Information>
                      <Item category="GP" recorded="2026-01-10" fact="true">%s</Item>
                    </Information>
                    <SharingDecision>
                      <Decision>SHARED</Decision>
                      <Consent>GIVEN</Consent>
                      <LawfulBasis>Children Act 1989 s47</LawfulBasis>
                    </SharingDecision>
                  </SubjectResponse>
                %s</InformationResponse>
                """.formatted(responseId, requestId, agency, item, second);
    }

    /**
     * Opens what the case system received on mash.out.casework with its demo key, checks the
     * gateway's signature, and returns every part of the content decoded (text and XML), to search.
     */
    static String openedByCaseSystem(byte[] mime) throws Exception {
        return OpenedMail.openedBy("casework", new MimeMessage(null, new ByteArrayInputStream(mime)));
    }
}
