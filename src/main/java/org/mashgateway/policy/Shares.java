package org.mashgateway.policy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.directory.Agency;
import org.mashgateway.directory.Directory;
import org.mashgateway.directory.Force;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.schoolday.DueBy;
import org.mashgateway.xml.Elements;
import org.mashgateway.xml.XmlDocuments;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds one recipient's output, whichever plan asks for it ({@link FirstPlan} or {@link
 * ReplacementPlan}): a new gateway reference, the minimised document for an agency or a school, its
 * rendered text, title, DueBy and lawful basis, and the fields shared and dropped.
 */
@Component
class Shares {

    /** The mail title of an agency notification (interfaces.md, "Mail"). */
    static final String AGENCY_TITLE = "Domestic abuse notification";

    /** The mail title of a school notification (interfaces.md, "Mail"). */
    static final String SCHOOL_TITLE = "SDAT school notification";

    /** The mail title of a CORRECTION, to agencies and schools alike (interfaces.md, "Mail"). */
    static final String CORRECTION_TITLE = "Correction";

    /** The mail title of a WITHDRAWAL, to agencies and schools alike (interfaces.md, "Mail"). */
    static final String WITHDRAWAL_TITLE = "Withdrawal";

    /** The agency classes of the policy that receive DA notifications, in the order they are planned. */
    static final List<RecipientClass> AGENCY_CLASSES =
            List.of(RecipientClass.SOCIAL_CARE, RecipientClass.HEALTH, RecipientClass.EDUCATION_WELFARE);

    private final Directory directory;
    private final GatewayReferences references;
    private final AgencyNotificationBuilder builder;
    private final SchoolNotificationBuilder schoolBuilder;
    private final SafeguardingContact contact;
    private final Alerts alerts;

    Shares(Directory directory, XmlDocuments xml, GatewayReferences references, SafeguardingContact contact,
            Alerts alerts) {
        this.directory = directory;
        this.references = references;
        this.builder = new AgencyNotificationBuilder(xml);
        this.schoolBuilder = new SchoolNotificationBuilder(xml);
        this.contact = contact;
        this.alerts = alerts;
    }

    /** The name of the sending force in the directory, which fills {@code {force}} in the texts. */
    String forceName(String senderForceCode) {
        return directory.force(senderForceCode).map(Force::name).orElse(senderForceCode);
    }

    /** The agency class of the policy a directory agency belongs to, if it receives notifications at all. */
    static Optional<RecipientClass> classOf(Agency agency) {
        return AGENCY_CLASSES.stream().filter(c -> c.includes(agency.agencyClass())).findFirst();
    }

    /** An agency's NOTIFICATION ({@code replaces} null) or CORRECTION of the reference it received. */
    RecipientShare agencyShare(Agency agency, String replaces, LoadedPolicy.ClassRule rule,
            Minimiser.Minimised fields, OffsetDateTime dueBy, String forceName) {
        String reference = references.next();
        String kind = replaces == null ? "NOTIFICATION" : "CORRECTION";
        String title = replaces == null ? AGENCY_TITLE : CORRECTION_TITLE;
        Document document = builder.build(reference, kind, replaces, agency, dueBy, rule.lawfulBasis(),
                fields.document());
        String text = NotificationText.render(title, reference, kind, replaces,
                AgencyNotificationBuilder.DATE_TIME.format(dueBy), agency.name() + " (" + agency.code() + ")",
                fields.document().getDocumentElement(), rule.handlingInstruction().replace("{force}", forceName));
        String riskLevel = Elements.text(fields.document().getDocumentElement(), "Incident", "RiskLevel").orElse(null);
        return new RecipientShare(RecipientType.AGENCY, agency.code(), reference, kind, dueBy.toInstant(),
                AgencyNotificationBuilder.DOCUMENT_TYPE, builder.bytes(document), title, text,
                rule.profile().id(), fields.fieldsShared(), fields.fieldsDropped(), rule.lawfulBasis(), replaces, null,
                riskLevel);
    }

    /** A school's NOTIFICATION ({@code replaces} null) or CORRECTION about one child of the police document. */
    RecipientShare schoolShare(String urn, String replaces, int childIndex, LoadedPolicy.ClassRule rule,
            Minimiser.Minimised fields, Element minimisedChild, DueBy dueBy, String instruction) {
        String reference = references.next();
        Document document = schoolBuilder.build(reference, replaces, fields.document().getDocumentElement(),
                minimisedChild, contact, instruction, urn);
        String title = replaces == null ? SCHOOL_TITLE : CORRECTION_TITLE;
        String text = SchoolNotificationText.render(title, document.getDocumentElement());
        return new RecipientShare(RecipientType.SCHOOL, urn, reference, replaces == null ? "NOTIFICATION" : "CORRECTION",
                dueBy.at().toInstant(), SchoolNotificationBuilder.DOCUMENT_TYPE, builder.bytes(document), title, text,
                rule.profile().id(), fields.fieldsShared(), fields.fieldsDropped(), rule.lawfulBasis(), replaces,
                childIndex, null);
    }

    /** An agency's WITHDRAWAL of the reference it received: it embeds the police NotificationWithdrawal. */
    RecipientShare agencyWithdrawal(Agency agency, String replaces, LoadedPolicy.ClassRule rule,
            Document withdrawal, List<String> withdrawalFields, OffsetDateTime dueBy, String forceName) {
        String reference = references.next();
        Document document = builder.build(reference, "WITHDRAWAL", replaces, agency, dueBy, rule.lawfulBasis(),
                withdrawal);
        String text = NotificationText.renderWithdrawal(WITHDRAWAL_TITLE, reference, replaces,
                AgencyNotificationBuilder.DATE_TIME.format(dueBy), agency.name() + " (" + agency.code() + ")", forceName,
                withdrawal.getDocumentElement(), rule.handlingInstruction().replace("{force}", forceName));
        return new RecipientShare(RecipientType.AGENCY, agency.code(), reference, "WITHDRAWAL", dueBy.toInstant(),
                AgencyNotificationBuilder.DOCUMENT_TYPE, builder.bytes(document), WITHDRAWAL_TITLE, text,
                rule.profile().id(), withdrawalFields, List.of(), rule.lawfulBasis(), replaces, null, null);
    }

    /** A school's WITHDRAWAL: no field of any police document goes into it, so none is listed as shared. */
    RecipientShare schoolWithdrawal(EarlierShare held, LoadedPolicy.ClassRule rule, DueBy dueBy,
            String instruction) {
        String reference = references.next();
        Document document = schoolBuilder.buildWithdrawal(reference, held.reference(), contact, instruction,
                held.recipient());
        String text = SchoolNotificationText.render(WITHDRAWAL_TITLE, document.getDocumentElement());
        return new RecipientShare(RecipientType.SCHOOL, held.recipient(), reference, "WITHDRAWAL",
                dueBy.at().toInstant(), SchoolNotificationBuilder.DOCUMENT_TYPE, builder.bytes(document),
                WITHDRAWAL_TITLE, text, rule.profile().id(), List.of(), List.of(), rule.lawfulBasis(), held.reference(),
                null, null);
    }

    void warnIfCalendarDataMissing(DueBy dueBy, RecipientShare share) {
        if (dueBy.calendarDataMissing()) {
            // The deadline skipped weekends only: an admin must add the term dates or bank holidays.
            alerts.raise(AlertKind.DEADLINE, DueBy.CALENDAR_DATA_MISSING, "school notification "
                    + share.reference() + " is due by a deadline worked out without full calendar data");
        }
    }
}
