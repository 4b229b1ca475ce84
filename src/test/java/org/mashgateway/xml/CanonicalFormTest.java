package org.mashgateway.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical form decides "same document resent": layout never changes it, content always does. */
class CanonicalFormTest {

    @Test
    void aDocumentIsWrittenInTheOneCanonicalForm() throws Exception {
        ParsedDocument parsed = Fixtures.DOCUMENTS.read(Fixtures.bytes("samples/acknowledgement.xml"));

        assertThat(new String(parsed.canonicalForm(), StandardCharsets.UTF_8)).isEqualTo(
                "<Acknowledgement xmlns=\"urn:mash-gateway:acknowledgement:1\" version=\"1.0\">"
                        + "<Reference>MGW-7G3K9Q2M4X8B1C5D6E7F8H9J0K</Reference>"
                        + "<AcknowledgedBy>CSC</AcknowledgedBy>"
                        + "<AcknowledgedAt>2026-11-21T07:45:00Z</AcknowledgedAt>"
                        + "</Acknowledgement>");
    }

    @Test
    void layoutPrefixesCommentsQuotesAndTheEncodingDeclarationDoNotChangeTheCanonicalForm() throws Exception {
        byte[] indented = Fixtures.DOCUMENTS.read(Fixtures.bytes("xml/valid/da-notification-no-optional.xml")).canonicalForm();
        byte[] prefixedOnOneLineInLatin1 = Fixtures.DOCUMENTS.read(Fixtures.bytes("xml/valid/da-notification-prefixed.xml")).canonicalForm();

        assertThat(prefixedOnOneLineInLatin1).isEqualTo(indented);
    }

    @Test
    void attributeOrderCharacterReferencesCdataLineEndingsAndUtf16DoNotChangeTheCanonicalForm() throws Exception {
        String sample = Fixtures.text("samples/information-response.xml");
        String rewritten = sample
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>")
                .replace("<Item category=\"GP\" recorded=\"2026-01-10\" fact=\"true\">", "<Item   fact='true'\n  recorded=\"2026-01-10\" category=\"GP\" >")
                .replace("Registered with Example Surgery, Derby.", "<![CDATA[Registered with Example]]> Surgery, &#x44;erby.")
                .replace("\n", "\r\n");
        assertThat(rewritten).isNotEqualTo(sample);

        byte[] original = Fixtures.DOCUMENTS.read(Fixtures.utf8(sample)).canonicalForm();
        byte[] reordered = Fixtures.DOCUMENTS.read(rewritten.getBytes(StandardCharsets.UTF_16)).canonicalForm();

        assertThat(reordered).isEqualTo(original);
    }

    @Test
    void anEmbeddedDocumentDeclaredThroughAPrefixOnTheOuterRootHasTheSameCanonicalForm() throws Exception {
        String sample = Fixtures.text("xml/valid/agency-notification.xml");
        String prefixed = sample
                .replace("<AgencyNotification xmlns=\"urn:mash-gateway:agency-notification:1\"",
                        "<AgencyNotification xmlns=\"urn:mash-gateway:agency-notification:1\" xmlns:police=\"urn:mash-gateway:da-notification:1\"")
                .replace("<DomesticAbuseNotification xmlns=\"urn:mash-gateway:da-notification:1\" version=\"1.0\">",
                        "<police:DomesticAbuseNotification version=\"1.0\" xmlns=\"urn:mash-gateway:da-notification:1\">")
                .replace("</DomesticAbuseNotification>", "</police:DomesticAbuseNotification>");
        assertThat(prefixed).isNotEqualTo(sample);

        assertThat(Fixtures.DOCUMENTS.read(Fixtures.utf8(prefixed)).canonicalForm())
                .isEqualTo(Fixtures.DOCUMENTS.read(Fixtures.utf8(sample)).canonicalForm());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "<Given>Jane</Given>|<Given>Jana</Given>",
        "<Given>Jane</Given>|<Given>Jane-Ann</Given>",
        "<DateOfBirth>1991-05-02</DateOfBirth>|<DateOfBirth>1991-05-03</DateOfBirth>",
        "<School urn=\"100001\">|<School urn=\"100002\">",
        "<RiskLevel>HIGH</RiskLevel>|<RiskLevel>MEDIUM</RiskLevel>",
        "<Ethnicity>W1</Ethnicity>|''",
        "Neighbour called police.|Neighbour  called police.",
        "Neighbour called police.|'Neighbour called police. '",
        "<Victim id=\"v1\">|<Victim id=\"v9\">"})
    void anyChangeOfContentChangesTheCanonicalForm(String from, String to) throws Exception {
        String sample = Fixtures.text("samples/da-notification-high.xml");
        assertThat(sample).contains(from);
        String changed = sample.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));

        byte[] original = Fixtures.DOCUMENTS.read(Fixtures.utf8(sample)).canonicalForm();
        byte[] altered = Fixtures.DOCUMENTS.read(Fixtures.utf8(changed)).canonicalForm();

        assertThat(altered).isNotEqualTo(original);
    }

    @Test
    void theCanonicalFormIsItselfAValidDocumentWithTheSameCanonicalForm() throws Exception {
        for (String resource : new String[] {"samples/da-notification-high.xml", "xml/valid/agency-notification.xml",
            "xml/valid/da-notification-every-optional.xml", "xml/hostile/remote-schema-location.xml"}) {
            byte[] canonical = Fixtures.DOCUMENTS.read(Fixtures.bytes(resource)).canonicalForm();

            assertThat(Fixtures.DOCUMENTS.read(canonical).canonicalForm()).as(resource).isEqualTo(canonical);
        }
    }

    @Test
    void namespacedAttributesAreWrittenUnderGeneratedPrefixes() throws Exception {
        byte[] canonical = Fixtures.DOCUMENTS.read(Fixtures.bytes("xml/hostile/remote-schema-location.xml")).canonicalForm();

        assertThat(new String(canonical, StandardCharsets.UTF_8)).startsWith(
                "<Acknowledgement xmlns=\"urn:mash-gateway:acknowledgement:1\" xmlns:n1=\"http://www.w3.org/2001/XMLSchema-instance\""
                        + " version=\"1.0\" n1:schemaLocation=\"urn:mash-gateway:acknowledgement:1 http://127.0.0.1:9/evil.xsd\">");
    }

    @Test
    void specialCharactersAreEscapedSoTheFormStaysXml() throws Exception {
        byte[] canonical = Fixtures.DOCUMENTS.read(Fixtures.bytes("samples/information-response.xml")).canonicalForm();

        assertThat(new String(canonical, StandardCharsets.UTF_8))
                .contains("<Item category=\"A&amp;E\" fact=\"true\" recorded=\"2026-08-02\">Attended A&amp;E with a wrist injury");
    }
}
