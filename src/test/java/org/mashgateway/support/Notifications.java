package org.mashgateway.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds DomesticAbuseNotification and NotificationWithdrawal documents for tests, made-up people
 * only. Every value can be changed; the defaults form a valid HIGH-risk notification like the sample,
 * dated from the clock (incident an hour ago, created ten minutes ago), so that no test depends on
 * the day it runs.
 */
public final class Notifications {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private String id = freshId("DERBYS");
    private String supersedes;
    private String forceCode = "DERBYS";
    private String forceName = "Derbyshire Constabulary";
    private String classification = "OFFICIAL-SENSITIVE";
    private String createdAt = ago(Duration.ofMinutes(10));
    private String incidentAt = ago(Duration.ofHours(1));
    private String riskLevel = "HIGH";
    private String circumstances = "Verbal argument escalated; victim pushed against a door.";
    private String victimGiven = "Jane";
    private String victimFamily = "Sample";
    private String victimDob = "1991-05-02";
    private String victimPhone = "07700 900123";
    private String addressLine = "12 Example Street";
    private String perpetratorGiven = "John";
    private String perpetratorFamily = "Sample";
    private final List<String> children = new ArrayList<>();

    /** With one child at school 100001, aged ten today (well inside compulsory school age). */
    public static Notifications notification() {
        return new Notifications().child("Amy", "Sample", AMY_BORN, "100001");
    }

    /**
     * The kill tests' workload: a ten-year-old at school 100001 (shared with the school) and a
     * three-year-old (NOT_SHARED), written now; four mails with CSC, HEALTH and EWS.
     */
    public static Notifications standardWorkload() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return new Notifications().createdAt(ago(Duration.ZERO))
                .child("Amy", "Sample", today.minusYears(10).toString(), "100001")
                .child("Ben", "Sample", today.minusYears(3).toString(), null);
    }

    /** The default child's date of birth: ten years and a month before today. */
    public static final String AMY_BORN = LocalDate.now(ZoneOffset.UTC).minusYears(10).minusMonths(1).toString();

    /** An instant this long before now, as a document's xs:dateTime. */
    public static String ago(Duration duration) {
        return Instant.now().minus(duration).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String freshId(String force) {
        return force + "-DA-T" + SEQUENCE.incrementAndGet();
    }

    public Notifications id(String id) { this.id = id; return this; }
    public Notifications supersedes(String id) { this.supersedes = id; return this; }
    public Notifications force(String code, String name) { this.forceCode = code; this.forceName = name; return this; }
    public Notifications classification(String marking) { this.classification = marking; return this; }
    public Notifications createdAt(String dateTime) { this.createdAt = dateTime; return this; }
    public Notifications incidentAt(String dateTime) { this.incidentAt = dateTime; return this; }
    public Notifications riskLevel(String level) { this.riskLevel = level; return this; }
    public Notifications circumstances(String text) { this.circumstances = text; return this; }
    public Notifications victim(String given, String family, String dob) {
        this.victimGiven = given; this.victimFamily = family; this.victimDob = dob; return this;
    }
    public Notifications victimPhone(String phone) { this.victimPhone = phone; return this; }
    public Notifications address(String line) { this.addressLine = line; return this; }
    public Notifications perpetrator(String given, String family) {
        this.perpetratorGiven = given; this.perpetratorFamily = family; return this;
    }
    public Notifications noChildren() { children.clear(); return this; }

    public Notifications child(String given, String family, String dob, String schoolUrn) {
        int n = children.size() + 1;
        children.add("""
                  <Child id="c%d">
                    <Name><Given>%s</Given><Family>%s</Family></Name>
                    <DateOfBirth>%s</DateOfBirth>
                    <PresentAtIncident>true</PresentAtIncident>
                    <WelfareCheck>true</WelfareCheck>
                    %s
                  </Child>
                """.formatted(n, given, family, dob, schoolUrn == null ? "" : "<School urn=\"" + schoolUrn + "\"/>"));
        return this;
    }

    public String id() {
        return id;
    }

    public String xml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <DomesticAbuseNotification xmlns="urn:mash-gateway:da-notification:1" version="1.0">
                  <NotificationId>%s</NotificationId>
                  %s
                  <SendingForce code="%s">%s</SendingForce>
                  <Classification>%s</Classification>
                  <CreatedAt>%s</CreatedAt>
                  <Incident>
                    <OccurrenceReference>DC-20261120-0199</OccurrenceReference>
                    <DateTime>%s</DateTime>
                    <Location>
                      <AddressLine>%s</AddressLine>
                      <AddressLine>Derby</AddressLine>
                      <Postcode>DE1 1AA</Postcode>
                    </Location>
                    <RiskLevel>%s</RiskLevel>
                    <Circumstances>%s</Circumstances>
                  </Incident>
                  <Victim id="v1">
                    <Name><Given>%s</Given><Family>%s</Family></Name>
                    <DateOfBirth>%s</DateOfBirth>
                    <Phone>%s</Phone>
                  </Victim>
                  <Perpetrator id="p1">
                    <Name><Given>%s</Given><Family>%s</Family></Name>
                    <RelationshipToVictim>Ex-partner</RelationshipToVictim>
                  </Perpetrator>
                %s  <OfficerInCase>
                    <Name>PC 4411 Patel</Name>
                    <CollarNumber>4411</CollarNumber>
                    <Email>pc4411@police.example</Email>
                  </OfficerInCase>
                </DomesticAbuseNotification>
                """.formatted(id, supersedes == null ? "" : "<Supersedes>" + supersedes + "</Supersedes>", forceCode,
                forceName, classification, createdAt, incidentAt, addressLine, riskLevel, circumstances, victimGiven,
                victimFamily, victimDob, victimPhone, perpetratorGiven, perpetratorFamily, String.join("", children));
    }

    public static String withdrawal(String id, String withdraws) {
        return withdrawal(id, withdraws, ago(Duration.ZERO));
    }

    public static String withdrawal(String id, String withdraws, String createdAt) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <NotificationWithdrawal xmlns="urn:mash-gateway:da-notification:1" version="1.0">
                  <NotificationId>%s</NotificationId>
                  <Withdraws>%s</Withdraws>
                  <SendingForce code="DERBYS">Derbyshire Constabulary</SendingForce>
                  <Classification>OFFICIAL-SENSITIVE</Classification>
                  <CreatedAt>%s</CreatedAt>
                  <Reason>Notification sent in error.</Reason>
                </NotificationWithdrawal>
                """.formatted(id, withdraws, createdAt);
    }
}
