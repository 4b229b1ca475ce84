package org.mashgateway.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleDocumentsTest {

    private static final Path SHARED_SAMPLES = Path.of("..", "shared", "samples");

    @ParameterizedTest
    @CsvSource({
        "acknowledgement.xml, ACKNOWLEDGEMENT",
        "da-notification-correction.xml, DA_NOTIFICATION",
        "da-notification-high.xml, DA_NOTIFICATION",
        "information-request.xml, INFORMATION_REQUEST",
        "information-response.xml, INFORMATION_RESPONSE",
        "notification-withdrawal.xml, NOTIFICATION_WITHDRAWAL"})
    void theProjectsCopyOfEverySampleIsAccepted(String file, DocumentType type) throws Exception {
        ParsedDocument parsed = Fixtures.DOCUMENTS.read(Fixtures.bytes("samples/" + file));

        assertThat(parsed.type()).isEqualTo(type);
        assertThat(parsed.document().getDocumentElement().getLocalName()).isEqualTo(type.rootName());
    }

    @Test
    void everySampleOfTheSharedContractIsAccepted() throws Exception {
        assumeTrue(Files.isDirectory(SHARED_SAMPLES), "the shared contract is not beside this clone");
        List<Path> samples;
        try (Stream<Path> files = Files.list(SHARED_SAMPLES)) {
            samples = files.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
        }

        assertThat(samples).isNotEmpty();
        for (Path sample : samples) {
            assertThat(Fixtures.DOCUMENTS.read(Files.readAllBytes(sample)))
                    .as(sample.getFileName().toString())
                    .isNotNull();
        }
    }

    @Test
    void theProjectsCopiesAreTheSharedSamplesUnchanged() throws IOException {
        assumeTrue(Files.isDirectory(SHARED_SAMPLES), "the shared contract is not beside this clone");
        try (Stream<Path> files = Files.list(SHARED_SAMPLES)) {
            for (Path sample : files.toList()) {
                assertThat(Fixtures.bytes("samples/" + sample.getFileName()))
                        .as(sample.getFileName().toString())
                        .isEqualTo(Files.readAllBytes(sample));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "da-notification-every-optional.xml, DA_NOTIFICATION",
        "da-notification-no-optional.xml, DA_NOTIFICATION",
        "da-notification-prefixed.xml, DA_NOTIFICATION",
        "school-notification.xml, SCHOOL_NOTIFICATION",
        "school-notification-withdrawal.xml, SCHOOL_NOTIFICATION",
        "agency-notification.xml, AGENCY_NOTIFICATION",
        "agency-notification-withdrawal.xml, AGENCY_NOTIFICATION",
        "information-request-every-optional.xml, INFORMATION_REQUEST",
        "information-response-minimal.xml, INFORMATION_RESPONSE"})
    void variedValidDocumentsAreAccepted(String file, DocumentType type) throws Exception {
        assertThat(Fixtures.DOCUMENTS.read(Fixtures.bytes("xml/valid/" + file)).type()).isEqualTo(type);
    }

    @Test
    void namesInManyLanguagesKeepTheirLettersInTheDocument() throws Exception {
        ParsedDocument parsed = Fixtures.DOCUMENTS.read(Fixtures.bytes("xml/valid/da-notification-every-optional.xml"));

        String text = parsed.document().getDocumentElement().getTextContent();
        assertThat(text).contains("O'Brien", "Nguyễn", "Siân", "Ní Bhriain", "Zoë", "ap Rhys’");
    }

    @Test
    void whitespaceBetweenElementsIsNotPartOfTheDocument() throws Exception {
        ParsedDocument parsed = Fixtures.DOCUMENTS.read(Fixtures.bytes("samples/acknowledgement.xml"));

        assertThat(parsed.document().getDocumentElement().getChildNodes().getLength()).isEqualTo(3);
    }
}
