package org.mashgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mashgateway.audit.Decision;
import org.mashgateway.audit.DecisionKind;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class MinimiserTest {

    private static final String DA = "urn:mash-gateway:da-notification:1";
    private static final String ROOT = "/DomesticAbuseNotification";

    private static final Profile INCIDENT_ONLY = new Profile("incident-only", 1, "test", List.of(
            ROOT + "/@version",
            ROOT + "/Incident/RiskLevel",
            ROOT + "/Incident/Location/Postcode",
            ROOT + "/Victim/@id",
            ROOT + "/Child/School/@urn"));

    @Test
    void anElementOrAttributeNoProfileNamesNeverReachesTheOutput() {
        Document police = PolicyFixtures.parsed(PolicyFixtures.resource("samples/da-notification-high.xml")).document();
        // added in the test: a field a later police schema might bring, and an attribute on a known element
        Element incident = (Element) police.getElementsByTagNameNS(DA, "Incident").item(0);
        Element novel = police.createElementNS(DA, "SafeWord");
        novel.setTextContent("bluebird-secret");
        incident.appendChild(novel);
        incident.setAttributeNS(null, "marker", "hidden-value");
        Element foreign = police.createElementNS("urn:example:other", "RiskLevel");
        foreign.setTextContent("foreign-value");
        incident.appendChild(foreign);

        for (String profileName : List.of("social-care", "health", "education-welfare")) {
            Profile profile = defaultProfile(profileName);
            Minimiser.Minimised minimised = Minimiser.minimise(police, profile);

            String xml = new String(PolicyFixtures.XML.canonicalForm(minimised.document()));
            assertThat(xml).doesNotContain("SafeWord", "bluebird-secret", "marker", "hidden-value", "foreign-value",
                    "urn:example:other");
            assertThat(minimised.fieldsDropped()).contains("DomesticAbuseNotification/Incident/SafeWord",
                    "DomesticAbuseNotification/Incident/@marker", "DomesticAbuseNotification/Incident/RiskLevel");
            assertThat(minimised.fieldsShared()).contains("DomesticAbuseNotification/Incident/RiskLevel")
                    .doesNotContain("DomesticAbuseNotification/Incident/SafeWord");
        }
    }

    @Test
    void sectionsAreKeptOnlyAroundAllowedFieldsAndTextOnlyForAllowedPaths() {
        Document police = PolicyFixtures.parsed(PolicyFixtures.resource("samples/da-notification-high.xml")).document();

        Minimiser.Minimised minimised = Minimiser.minimise(police, INCIDENT_ONLY);

        org.xmlunit.assertj3.XmlAssert.assertThat(minimised.document())
                .and("""
                        <DomesticAbuseNotification xmlns="urn:mash-gateway:da-notification:1" version="1.0">
                          <Incident><Location><Postcode>DE1 1AA</Postcode></Location><RiskLevel>HIGH</RiskLevel></Incident>
                          <Victim id="v1"/>
                          <Child><School urn="100001"/></Child>
                        </DomesticAbuseNotification>""")
                .ignoreWhitespace()
                .areIdentical();
        assertThat(minimised.fieldsShared()).containsExactly(
                "DomesticAbuseNotification/@version",
                "DomesticAbuseNotification/Incident/Location/Postcode",
                "DomesticAbuseNotification/Incident/RiskLevel",
                "DomesticAbuseNotification/Victim/@id",
                "DomesticAbuseNotification/Child/School/@urn");
        assertThat(minimised.fieldsDropped())
                .doesNotHaveDuplicates()
                .contains("DomesticAbuseNotification/Victim/Name/Given", "DomesticAbuseNotification/Child/School",
                        "DomesticAbuseNotification/Child/@id", "DomesticAbuseNotification/OfficerInCase/Phone")
                .doesNotContainAnyElementsOf(minimised.fieldsShared());
    }

    @Test
    void thePoliceDocumentIsLeftUnchanged() {
        var parsed = PolicyFixtures.parsed(PolicyFixtures.resource("samples/da-notification-high.xml"));
        byte[] before = PolicyFixtures.XML.canonicalForm(parsed.document());

        Minimiser.minimise(parsed.document(), INCIDENT_ONLY);

        assertThat(PolicyFixtures.XML.canonicalForm(parsed.document())).isEqualTo(before);
    }

    @Test
    void reportedFieldNamesAreAcceptedByTheDecisionRecord() {
        Document police = PolicyFixtures.parsed(PolicyFixtures.resource("xml/valid/da-notification-every-optional.xml")).document();
        Minimiser.Minimised minimised = Minimiser.minimise(police, defaultProfile("education-welfare"));

        Decision decision = Decision.of(DecisionKind.SHARED)
                .minimisationProfile("education-welfare@1")
                .fieldsShared(minimised.fieldsShared())
                .fieldsDropped(minimised.fieldsDropped())
                .build();

        assertThat(decision.fieldsDropped()).containsExactlyInAnyOrder(
                "DomesticAbuseNotification/Victim/PncId", "DomesticAbuseNotification/Perpetrator/PncId",
                "DomesticAbuseNotification/OfficerInCase/Phone");
    }

    @Test
    void onlyADomesticAbuseNotificationIsMinimised() {
        Document withdrawal = PolicyFixtures.parsed(PolicyFixtures.resource("samples/notification-withdrawal.xml")).document();

        assertThatThrownBy(() -> Minimiser.minimise(withdrawal, INCIDENT_ONLY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Profile defaultProfile(String name) {
        return PolicyFixtures.defaultPolicy().classes().values().stream()
                .map(LoadedPolicy.ClassRule::profile)
                .filter(profile -> profile.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
