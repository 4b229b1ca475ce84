package org.mashgateway.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Documents written to attack the reader are refused early, fetch nothing and leave it healthy. */
class HostileInputTest {

    private static final int FIFTY_MEGABYTES = 50 * 1024 * 1024;

    /** A local listener standing in for an attacker's server: nothing may ever connect to it. */
    private ServerSocket attackerServer;

    @BeforeEach
    void listen() throws IOException {
        attackerServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        attackerServer.setSoTimeout(100);
    }

    @AfterEach
    void stopListening() throws IOException {
        attackerServer.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"xxe-file.xml", "xxe-http.xml", "billion-laughs.xml", "external-dtd.xml", "parameter-entity.xml"})
    void aDocumentWithADoctypeIsRefusedBeforeAnyEntityIsDeclaredOrFetched(String file) throws IOException {
        String xml = Fixtures.text("xml/hostile/" + file).replace("127.0.0.1:9", "127.0.0.1:" + attackerServer.getLocalPort());

        DocumentRejectedException rejected = Fixtures.rejectionOf(xml);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.DTD_FORBIDDEN);
        assertThat(rejected.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("DOCTYPE is not allowed");
            assertThat(error.message()).doesNotContain("root:", "lol");
            assertThat(error.line()).isEqualTo(2);
        });
        assertNobodyConnected();
    }

    @Test
    void anXIncludeIsNotFollowedAndBreaksTheSchema() {
        DocumentRejectedException rejected = Fixtures.rejection(() -> Fixtures.DOCUMENTS.read(Fixtures.bytes("xml/hostile/xinclude.xml")));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.SCHEMA_INVALID);
        assertThat(rejected.errors()).anySatisfy(error -> assertThat(error.message()).startsWith("AcknowledgedBy: must hold text only"));
    }

    @Test
    void aSchemaLocationInTheDocumentIsIgnoredAndNothingIsFetched() throws Exception {
        String xml = Fixtures.text("xml/hostile/remote-schema-location.xml").replace("127.0.0.1:9", "127.0.0.1:" + attackerServer.getLocalPort());

        ParsedDocument parsed = Fixtures.DOCUMENTS.read(Fixtures.utf8(xml));

        assertThat(parsed.type()).isEqualTo(DocumentType.ACKNOWLEDGEMENT);
        assertNobodyConnected();
    }

    @Test
    void aFiftyMegabyteBodyIsRefusedAsTooLargeBeforeParsing() {
        byte[] body = new byte[FIFTY_MEGABYTES];

        DocumentRejectedException rejected = Fixtures.rejection(() -> Fixtures.DOCUMENTS.read(body));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.TOO_LARGE);
        assertThat(rejected.errors()).singleElement()
                .satisfies(error -> assertThat(error.message()).isEqualTo("the document is larger than the limit of 1048576 bytes"));
    }

    @Test
    void aFiftyMegabyteStreamIsRefusedAfterReadingOnlyOneByteMoreThanTheLimit() {
        AtomicLong served = new AtomicLong();
        InputStream endlessSpaces = new InputStream() {
            @Override
            public int read() {
                return served.incrementAndGet() > FIFTY_MEGABYTES ? -1 : ' ';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                long left = FIFTY_MEGABYTES - served.get();
                if (left <= 0) {
                    return -1;
                }
                int count = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + count, (byte) ' ');
                served.addAndGet(count);
                return count;
            }
        };

        DocumentRejectedException rejected = Fixtures.rejection(() -> Fixtures.DOCUMENTS.read(endlessSpaces));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.TOO_LARGE);
        assertThat(served.get()).isEqualTo(Fixtures.MAX_BYTES + 1);
    }

    @Test
    void aDocumentExactlyAtTheLimitIsRead() throws Exception {
        XmlDocuments small = new XmlDocuments(Fixtures.bytes("samples/acknowledgement.xml").length, 8);

        assertThat(small.read(Fixtures.bytes("samples/acknowledgement.xml")).type()).isEqualTo(DocumentType.ACKNOWLEDGEMENT);
        assertThat(Fixtures.rejection(() -> small.read(Fixtures.utf8(Fixtures.text("samples/acknowledgement.xml") + " "))).reason())
                .isEqualTo(RejectionReason.TOO_LARGE);
    }

    @Test
    void tenThousandNestedElementsAreRefusedAsTooDeepAtTheLimit() {
        String xml = "<Acknowledgement xmlns=\"urn:mash-gateway:acknowledgement:1\" version=\"1.0\">"
                + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</Acknowledgement>";

        DocumentRejectedException rejected = Fixtures.rejectionOf(xml);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.TOO_DEEP);
        assertThat(rejected.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).isEqualTo("elements are nested deeper than the limit of 64");
            // just after the start tag of the 65th level: the root and 63 <a> are within the limit of 64, the 64th <a> is not
            assertThat(error.column()).isEqualTo(74 + 3 * 64 + 1);
            assertThat(error.element()).startsWith("/Acknowledgement/a/…/a").hasSizeLessThan(80);
        });
    }

    @Test
    void nestingWithinTheLimitIsLeftToTheSchema() {
        String xml = "<Acknowledgement xmlns=\"urn:mash-gateway:acknowledgement:1\" version=\"1.0\">"
                + "<a>".repeat(62) + "</a>".repeat(62) + "</Acknowledgement>";

        assertThat(Fixtures.rejectionOf(xml).reason()).isEqualTo(RejectionReason.SCHEMA_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not xml at all",
        "<Acknowledgement xmlns=\"urn:mash-gateway:acknowledgement:1\" version=\"1.0\"><Reference>",
        "<Acknowledgement xmlns=\"urn:mash-gateway:acknowledgement:1\" version=\"1.0\"></Acknowledgment>",
        "<Acknowledgement xmlns=\"urn:mash-gateway:acknowledgement:1\" version=\"1.0\"><x:Reference/></Acknowledgement>",
        "<Acknowledgement xmlns=\"urn:mash-gateway:acknowledgement:1\" version=\"1.0\">&undeclared;</Acknowledgement>",
        "<Acknowledgement xmlns=\"urn:mash-gateway:acknowledgement:1\" version=\"1.0\" version=\"1.0\"/>",
        "<Acknowledgement xmlns=\"urn:mash-gateway:acknowledgement:1\" version=\"1.0\"><AcknowledgedBy>&#1;</AcknowledgedBy></Acknowledgement>",
        "<?xml version=\"1.1\"?><Acknowledgement xmlns=\"urn:mash-gateway:acknowledgement:1\" version=\"1.0\"/>"})
    void aDocumentThatIsNotWellFormedXml10IsRefused(String xml) {
        DocumentRejectedException rejected = Fixtures.rejectionOf(xml);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.NOT_WELL_FORMED);
        assertThat(rejected.errors()).hasSize(1);
    }

    @Test
    void aSecretMarkingIsStillReportedWhenTheDocumentBreaksOffAfterIt() {
        String sample = Fixtures.text("samples/da-notification-high.xml").replace(">OFFICIAL-SENSITIVE<", ">SECRET<");
        String truncated = sample.substring(0, sample.indexOf("<Incident>"));

        DocumentRejectedException rejected = Fixtures.rejectionOf(truncated);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.CLASSIFICATION_NOT_PERMITTED);
        assertThat(rejected.errors()).extracting(XmlError::message)
                .anySatisfy(message -> assertThat(message).startsWith("Classification: only OFFICIAL"))
                .anySatisfy(message -> assertThat(message).startsWith("not well-formed XML 1.0"));
    }

    @Test
    void bytesThatAreNotUtf8InADocumentDeclaredUtf8AreRefused() {
        byte[] body = Fixtures.text("samples/acknowledgement.xml").replace("CSC", "C\u00e9C").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(Fixtures.rejection(() -> Fixtures.DOCUMENTS.read(body)).reason()).isEqualTo(RejectionReason.NOT_WELL_FORMED);
    }

    @Test
    void theReaderStaysHealthyAfterEveryKindOfRefusalOnTheSameThread() throws Exception {
        String[] hostile = {
            Fixtures.text("xml/hostile/billion-laughs.xml"),
            "<Acknowledgement xmlns=\"urn:mash-gateway:acknowledgement:1\" version=\"1.0\">" + "<a>".repeat(100),
            "<Acknowledgement xmlns=\"urn:mash-gateway:acknowledgement:1\" version=\"1.0\"><Reference>",
            Fixtures.text("samples/acknowledgement.xml").replace("CSC", "C S C"),
            Fixtures.text("samples/da-notification-high.xml").replace("HIGH", "SEVERE")};
        for (String xml : hostile) {
            Fixtures.rejectionOf(xml);
            assertThat(Fixtures.DOCUMENTS.read(Fixtures.bytes("samples/acknowledgement.xml")).type()).isEqualTo(DocumentType.ACKNOWLEDGEMENT);
            assertThat(Fixtures.DOCUMENTS.read(Fixtures.bytes("samples/da-notification-high.xml")).type()).isEqualTo(DocumentType.DA_NOTIFICATION);
        }
    }

    @Test
    void aDocumentWithThousandsOfErrorsReportsOnlyTheFirstTwenty() {
        String xml = Fixtures.text("samples/information-response.xml")
                .replace("<Information>", "<Information>" + "<Item category=\"GP\" recorded=\"2026-01-10\" fact=\"maybe\">x</Item>".repeat(48));

        DocumentRejectedException rejected = Fixtures.rejectionOf(xml);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.SCHEMA_INVALID);
        assertThat(rejected.errors()).hasSize(XmlDocuments.MAX_REPORTED_ERRORS);
    }

    private void assertNobodyConnected() throws IOException {
        try {
            attackerServer.accept().close();
            throw new AssertionError("the reader connected to a server named in the document");
        } catch (SocketTimeoutException expected) {
            // nothing connected
        }
    }
}
