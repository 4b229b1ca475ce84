package org.mashgateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.ParsedDocument;
import org.mashgateway.xml.XmlDocuments;

/** What the case system receives of a response: a schema-valid InformationResponse without any confidential Reason. */
class CaseworkCopyTest {

    private static final String CASEWORK_REFERENCE = "MGW-0000000000000000000000000A";
    private static final String REQUEST_REFERENCE = "MGW-0000000000000000000000000B";

    private final XmlDocuments xml = new XmlDocuments(1_048_576, 64);
    private final CaseworkCopy copies = new CaseworkCopy(xml);

    @Test
    void confidential_reason_is_replaced_by_the_marker_and_who_to_contact_is_kept() throws Exception {
        ParsedDocument response = xml.read(ExchangeFixtures.response("HEALTH-RSP-1", "MASH-REQ-1", "HEALTH",
                "Registered with a GP practice.", "Relates to a matter only the nurse may discuss.")
                .getBytes(StandardCharsets.UTF_8));

        String copy = new String(copies.of(response.document(), CASEWORK_REFERENCE, REQUEST_REFERENCE, false),
                StandardCharsets.UTF_8);

        assertThat(copy).doesNotContain("Relates to a matter")
                .contains("<Reason>" + CaseworkCopy.WITHHELD_REASON + "</Reason>")
                .contains("<HeldBy>Derby Health Safeguarding Team</HeldBy>")
                .contains("<ContactRole>Named Nurse for Safeguarding</ContactRole>")
                .contains("Registered with a GP practice.");
        assertThat(xml.read(copy.getBytes(StandardCharsets.UTF_8)).type()).isEqualTo(DocumentType.INFORMATION_RESPONSE);
        assertThat(response.document().getDocumentElement().getTextContent()).as("the accepted response is untouched")
                .contains("Relates to a matter");
    }

    @Test
    void the_gateways_references_and_the_late_flag_travel_in_a_processing_instruction() throws Exception {
        ParsedDocument response = xml.read(ExchangeFixtures.response("HEALTH-RSP-2", "MASH-REQ-2", "HEALTH", "Item.",
                null).getBytes(StandardCharsets.UTF_8));

        String late = new String(copies.of(response.document(), CASEWORK_REFERENCE, REQUEST_REFERENCE, true),
                StandardCharsets.UTF_8);
        String onTime = new String(copies.of(response.document(), CASEWORK_REFERENCE, REQUEST_REFERENCE, false),
                StandardCharsets.UTF_8);

        assertThat(late).contains("<?mash-gateway reference=\"" + CASEWORK_REFERENCE + "\" request-reference=\""
                + REQUEST_REFERENCE + "\" late=\"true\"?>");
        assertThat(onTime).contains("late=\"false\"?>");
        assertThat(CaseworkCopy.text(CASEWORK_REFERENCE, REQUEST_REFERENCE, "HEALTH", true)).startsWith("OFFICIAL-SENSITIVE")
                .contains("Received late");
    }
}
