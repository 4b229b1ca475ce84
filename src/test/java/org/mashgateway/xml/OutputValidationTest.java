package org.mashgateway.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The gateway checks the documents it builds against the same schemas and rules before they leave. */
class OutputValidationTest {

    private static final String ACK = DocumentType.ACKNOWLEDGEMENT.namespace();

    @Test
    void aDocumentBuiltInCodeIsAcceptedWhenItFollowsTheSchema() throws Exception {
        Document ack = acknowledgement("2026-11-21T07:45:00Z");

        assertThatCode(() -> Fixtures.DOCUMENTS.validate(DocumentType.ACKNOWLEDGEMENT, ack)).doesNotThrowAnyException();
    }

    @Test
    void aDocumentBuiltInCodeIsRefusedNamingTheBrokenRule() throws Exception {
        Document ack = acknowledgement("2026-11-21T07:45:00");

        DocumentRejectedException rejected = Fixtures.rejection(() -> Fixtures.DOCUMENTS.validate(DocumentType.ACKNOWLEDGEMENT, ack));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.SCHEMA_INVALID);
        assertThat(rejected.errors()).singleElement().satisfies(error -> {
            assertThat(error.element()).isEqualTo("/Acknowledgement/AcknowledgedAt");
            assertThat(error.message()).startsWith("AcknowledgedAt: a date-time must");
        });
    }

    @Test
    void aDocumentOfAnotherTypeThanExpectedIsRefused() throws Exception {
        Document ack = acknowledgement("2026-11-21T07:45:00Z");

        DocumentRejectedException rejected = Fixtures.rejection(() -> Fixtures.DOCUMENTS.validate(DocumentType.SCHOOL_NOTIFICATION, ack));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.UNKNOWN_DOCUMENT);
        assertThat(rejected.errors()).singleElement()
                .satisfies(error -> assertThat(error.message()).isEqualTo("Acknowledgement: expected a SchoolNotification"));
    }

    @Test
    void aSchoolNotificationMarkedOnlyOfficialIsRefused() throws Exception {
        Document school = Fixtures.DOCUMENTS.read(Fixtures.bytes("xml/valid/school-notification.xml")).document();
        school.getElementsByTagNameNS(DocumentType.SCHOOL_NOTIFICATION.namespace(), "Classification").item(0).setTextContent("OFFICIAL");

        DocumentRejectedException rejected = Fixtures.rejection(() -> Fixtures.DOCUMENTS.validate(DocumentType.SCHOOL_NOTIFICATION, school));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.CLASSIFICATION_NOT_PERMITTED);
    }

    @Test
    void aSchoolNotificationWithoutItsChildIsRefused() throws Exception {
        Document school = Fixtures.DOCUMENTS.read(Fixtures.bytes("xml/valid/school-notification.xml")).document();
        Element child = (Element) school.getElementsByTagNameNS(DocumentType.SCHOOL_NOTIFICATION.namespace(), "Child").item(0);
        child.getParentNode().removeChild(child);

        DocumentRejectedException rejected = Fixtures.rejection(() -> Fixtures.DOCUMENTS.validate(DocumentType.SCHOOL_NOTIFICATION, school));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.SCHEMA_INVALID);
        assertThat(rejected.errors()).extracting(XmlError::message).contains("SchoolNotification: a NOTIFICATION must carry Child");
    }

    @Test
    void anEmptyDocumentIsRefused() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document empty = factory.newDocumentBuilder().newDocument();

        assertThat(Fixtures.rejection(() -> Fixtures.DOCUMENTS.validate(DocumentType.ACKNOWLEDGEMENT, empty)).reason())
                .isEqualTo(RejectionReason.UNKNOWN_DOCUMENT);
    }

    @Test
    void anOutputLargerThanTheIngressLimitIsStillValidated() throws Exception {
        XmlDocuments tiny = new XmlDocuments(100, 64);
        Document agency = Fixtures.DOCUMENTS.read(Fixtures.bytes("xml/valid/agency-notification.xml")).document();

        assertThatCode(() -> tiny.validate(DocumentType.AGENCY_NOTIFICATION, agency)).doesNotThrowAnyException();
    }

    @Test
    void theCanonicalFormOfABuiltDocumentMatchesTheSameDocumentRead() throws Exception {
        Document built = acknowledgement("2026-11-21T07:45:00Z");
        String xml = "<Acknowledgement xmlns=\"urn:mash-gateway:acknowledgement:1\" version=\"1.0\">\n"
                + "  <Reference>MGW-7G3K9Q2M4X8B1C5D6E7F8H9J0K</Reference>\n  <AcknowledgedBy>CSC</AcknowledgedBy>\n"
                + "  <AcknowledgedAt>2026-11-21T07:45:00Z</AcknowledgedAt>\n</Acknowledgement>";

        assertThat(Fixtures.DOCUMENTS.canonicalForm(built)).isEqualTo(Fixtures.DOCUMENTS.read(Fixtures.utf8(xml)).canonicalForm());
    }

    private static Document acknowledgement(String acknowledgedAt) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().newDocument();
        Element root = document.createElementNS(ACK, "Acknowledgement");
        root.setAttribute("version", "1.0");
        document.appendChild(root);
        append(root, "Reference", "MGW-7G3K9Q2M4X8B1C5D6E7F8H9J0K");
        append(root, "AcknowledgedBy", "CSC");
        append(root, "AcknowledgedAt", acknowledgedAt);
        return document;
    }

    private static void append(Element parent, String name, String text) {
        Element child = parent.getOwnerDocument().createElementNS(ACK, name);
        child.setTextContent(text);
        parent.appendChild(child);
    }
}
