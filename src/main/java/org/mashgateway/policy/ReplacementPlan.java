package org.mashgateway.policy;

import static org.mashgateway.policy.FirstPlan.child;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mashgateway.directory.Agency;
import org.mashgateway.directory.Directory;
import org.mashgateway.schoolday.AgencyDeadline;
import org.mashgateway.schoolday.DueBy;
import org.mashgateway.schoolday.SchoolAgeRule;
import org.mashgateway.schoolday.SchoolDeadline;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.Elements;
import org.mashgateway.xml.ParsedDocument;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A later version of a notification, sent to the recipients of the version it replaces: a
 * correction (a DomesticAbuseNotification with {@code Supersedes}) or a NotificationWithdrawal,
 * under the policy in force.
 */
@Component
public class ReplacementPlan {

    /** Reason code of a recipient whose delivery of the version being replaced FAILED: it never had it. */
    static final String ORIGINAL_NOT_DELIVERED = "ORIGINAL_NOT_DELIVERED";

    /**
     * Reason code of an earlier agency recipient that the directory no longer holds, or that is no
     * longer of a class receiving notifications: it cannot be sent the correction or withdrawal.
     */
    static final String AGENCY_NOT_IN_DIRECTORY = "AGENCY_NOT_IN_DIRECTORY";

    private final SharingPolicy policyInForce;
    private final Shares shares;
    private final Directory directory;
    private final SchoolAgeRule schoolAge;
    private final SchoolDeadline schoolDeadline;

    ReplacementPlan(SharingPolicy policyInForce, Shares shares, Directory directory, SchoolAgeRule schoolAge,
            SchoolDeadline schoolDeadline) {
        this.policyInForce = policyInForce;
        this.shares = shares;
        this.directory = directory;
        this.schoolAge = schoolAge;
        this.schoolDeadline = schoolDeadline;
    }

    /**
     * Plans a correction (a DomesticAbuseNotification with {@code Supersedes}) for the recipients of
     * the version it replaces, under the policy in force.
     *
     * <p>Agencies: every agency that holds the previous version receives a CORRECTION with {@code
     * Replaces} = the reference it received, minimised by its class's profile, due by the corrected
     * CreatedAt plus the deadline of the corrected risk level. An agency class that did not receive
     * the previous version is not added: the recipients of a notification were decided when it was
     * first shared, and a correction corrects what they hold.
     *
     * <p>Schools: the school rules are run again on the corrected children, and each child is paired
     * with a child of the previous version (see {@link ChildPairing}). A school that received the
     * previous version about a child that, corrected, still qualifies for that school receives a
     * CORRECTION; a school whose child no longer qualifies (another school, no school, out of
     * school age, removed) receives a WITHDRAWAL; a child that newly qualifies for a school gets a
     * NOTIFICATION there, and a child that does not qualify a NOT_SHARED record, as in {@link
     * FirstPlan}. School deadlines are 08:00 on the next school day after the incident or, if later,
     * after the correction was created.
     *
     * <p>A recipient whose delivery of the previous version FAILED is sent nothing and recorded
     * NOT_SHARED {@link #ORIGINAL_NOT_DELIVERED}.
     *
     * @param correction the correction as accepted at ingress
     * @param previous the version it replaces (the latest version of the notification), as accepted
     * @param earlier that version's outputs
     */
    public SharingPlan planCorrection(ParsedDocument correction, String senderForceCode, ParsedDocument previous,
            List<EarlierShare> earlier) {
        Element police = correction.document().getDocumentElement();
        if (correction.type() != DocumentType.DA_NOTIFICATION || child(police, "Supersedes") == null) {
            throw new IllegalArgumentException("planCorrection takes a DomesticAbuseNotification with Supersedes");
        }
        LoadedPolicy policy = policyInForce.current();
        String forceName = shares.forceName(senderForceCode);
        OffsetDateTime createdAt = OffsetDateTime.parse(child(police, "CreatedAt").getTextContent());
        OffsetDateTime dueBy = AgencyDeadline.dueBy(createdAt,
                policy.deadline(child(police, "Incident", "RiskLevel").getTextContent()));
        List<RecipientShare> planned = new ArrayList<>();
        List<NotShared> notShared = new ArrayList<>();
        Map<RecipientClass, Minimiser.Minimised> minimisedByClass = new EnumMap<>(RecipientClass.class);
        for (EarlierShare held : earlier) {
            if (held.recipientType() != RecipientType.AGENCY) {
                continue;
            }
            Optional<Agency> agency = directory.agency(held.recipient());
            Optional<RecipientClass> recipientClass = agency.flatMap(Shares::classOf);
            if (held.failed()) {
                notShared.add(new NotShared(RecipientType.AGENCY, held.recipient(), ORIGINAL_NOT_DELIVERED));
            } else if (recipientClass.isEmpty()) {
                notShared.add(new NotShared(RecipientType.AGENCY, held.recipient(), AGENCY_NOT_IN_DIRECTORY));
            } else {
                LoadedPolicy.ClassRule rule = policy.rule(recipientClass.get());
                Minimiser.Minimised fields = minimisedByClass.computeIfAbsent(recipientClass.get(),
                        c -> Minimiser.minimise(correction.document(), rule.profile()));
                planned.add(shares.agencyShare(agency.get(), held.reference(), rule, fields, dueBy, forceName));
            }
        }
        correctSchools(correction.document(), previous.document(), createdAt.toInstant(), earlier,
                policy.rule(RecipientClass.SCHOOL), forceName, planned, notShared);
        return new SharingPlan(policy.version(), planned, notShared);
    }

    private void correctSchools(Document police, Document previous, Instant createdAt, List<EarlierShare> earlier,
            LoadedPolicy.ClassRule rule, String forceName, List<RecipientShare> planned, List<NotShared> notShared) {
        List<Element> children = Elements.children(police.getDocumentElement(), "Child");
        Instant incident = OffsetDateTime.parse(child(police.getDocumentElement(), "Incident", "DateTime")
                .getTextContent()).toInstant();
        LocalDate incidentDate = incident.atZone(FirstPlan.LONDON).toLocalDate();
        Minimiser.Minimised fields = Minimiser.minimise(police, rule.profile());
        List<Element> minimisedChildren = Elements.children(fields.document().getDocumentElement(), "Child");
        if (minimisedChildren.size() != children.size()) {
            throw new IllegalStateException("the school profile " + rule.profile().id() + " did not keep every Child");
        }
        String instruction = rule.handlingInstruction().replace("{force}", forceName);
        DueBy dueBy = schoolDeadline.dueBy(incident.isAfter(createdAt) ? incident : createdAt);
        List<Element> previousChildren = Elements.children(previous.getDocumentElement(), "Child");
        int[] previousOf = ChildPairing.pair(previousChildren, children);
        // what the school rules say of each corrected child: its school's URN, or why no school is told
        List<String> urns = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Element source : children) {
            urns.add(FirstPlan.schoolUrn(source));
            reasons.add(FirstPlan.whyNoSchoolIsTold(source, incidentDate, schoolAge, directory));
        }
        boolean[] settled = new boolean[children.size()];
        for (EarlierShare held : earlier) {
            if (held.recipientType() != RecipientType.SCHOOL) {
                continue;
            }
            int corrected = correctedChild(previousOf, held.childIndex());
            boolean stillQualifies = corrected >= 0 && !settled[corrected] && reasons.get(corrected) == null
                    && held.recipient().equals(urns.get(corrected));
            if (stillQualifies) {
                settled[corrected] = true;
            }
            if (held.failed()) {
                notShared.add(new NotShared(RecipientType.SCHOOL, held.recipient(), ORIGINAL_NOT_DELIVERED));
            } else if (stillQualifies) {
                RecipientShare share = shares.schoolShare(held.recipient(), held.reference(), corrected, rule, fields,
                        minimisedChildren.get(corrected), dueBy, instruction);
                shares.warnIfCalendarDataMissing(dueBy, share);
                planned.add(share);
            } else if (directory.school(held.recipient()).isEmpty()) {
                notShared.add(new NotShared(RecipientType.SCHOOL, held.recipient(), FirstPlan.SCHOOL_NOT_IN_DIRECTORY));
            } else {
                planned.add(shares.schoolWithdrawal(held, rule, dueBy, instruction));
            }
        }
        for (int i = 0; i < children.size(); i++) {
            if (settled[i]) {
                continue;
            }
            if (reasons.get(i) != null) {
                notShared.add(new NotShared(RecipientType.SCHOOL, urns.get(i), reasons.get(i)));
            } else {
                RecipientShare share = shares.schoolShare(urns.get(i), null, i, rule, fields, minimisedChildren.get(i),
                        dueBy, instruction);
                shares.warnIfCalendarDataMissing(dueBy, share);
                planned.add(share);
            }
        }
    }

    /** The corrected child paired with the previous version's child at {@code previousIndex}, or -1. */
    private static int correctedChild(int[] previousOf, Integer previousIndex) {
        if (previousIndex == null) {
            return -1;
        }
        for (int i = 0; i < previousOf.length; i++) {
            if (previousOf[i] == previousIndex) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Plans a NotificationWithdrawal: every recipient of the version it withdraws receives a
     * WITHDRAWAL naming the reference it received, and no one else. An agency's embeds the
     * NotificationWithdrawal, reason included (decision 0002); a school's carries only the
     * reference withdrawn, the contact and the handling instruction, never the reason. An agency is
     * due by the withdrawal's CreatedAt plus the deadline of the withdrawn version's risk level; a
     * school by 08:00 on the next school day after the withdrawal was created. A recipient whose
     * delivery FAILED is recorded NOT_SHARED {@link #ORIGINAL_NOT_DELIVERED}.
     *
     * @param withdrawal the NotificationWithdrawal as accepted at ingress
     * @param previous the version it withdraws (the latest version of the notification)
     * @param earlier that version's outputs
     */
    public SharingPlan planWithdrawal(ParsedDocument withdrawal, String senderForceCode, ParsedDocument previous,
            List<EarlierShare> earlier) {
        if (withdrawal.type() != DocumentType.NOTIFICATION_WITHDRAWAL) {
            throw new IllegalArgumentException("planWithdrawal takes a NotificationWithdrawal");
        }
        LoadedPolicy policy = policyInForce.current();
        Element root = withdrawal.document().getDocumentElement();
        String forceName = shares.forceName(senderForceCode);
        OffsetDateTime createdAt = OffsetDateTime.parse(child(root, "CreatedAt").getTextContent());
        OffsetDateTime agencyDueBy = AgencyDeadline.dueBy(createdAt, policy.deadline(
                child(previous.document().getDocumentElement(), "Incident", "RiskLevel").getTextContent()));
        DueBy schoolDueBy = null;
        List<String> withdrawalFields = Elements.children(root).stream()
                .map(e -> "NotificationWithdrawal/" + e.getLocalName()).toList();
        List<RecipientShare> planned = new ArrayList<>();
        List<NotShared> notShared = new ArrayList<>();
        for (EarlierShare held : earlier) {
            if (held.failed()) {
                notShared.add(new NotShared(held.recipientType(), held.recipient(), ORIGINAL_NOT_DELIVERED));
            } else if (held.recipientType() == RecipientType.AGENCY) {
                Optional<Agency> agency = directory.agency(held.recipient());
                Optional<RecipientClass> recipientClass = agency.flatMap(Shares::classOf);
                if (recipientClass.isEmpty()) {
                    notShared.add(new NotShared(RecipientType.AGENCY, held.recipient(), AGENCY_NOT_IN_DIRECTORY));
                } else {
                    planned.add(shares.agencyWithdrawal(agency.get(), held.reference(), policy.rule(recipientClass.get()),
                            withdrawal.document(), withdrawalFields, agencyDueBy, forceName));
                }
            } else if (directory.school(held.recipient()).isEmpty()) {
                notShared.add(new NotShared(RecipientType.SCHOOL, held.recipient(), FirstPlan.SCHOOL_NOT_IN_DIRECTORY));
            } else {
                if (schoolDueBy == null) {
                    schoolDueBy = schoolDeadline.dueBy(createdAt.toInstant());
                }
                LoadedPolicy.ClassRule rule = policy.rule(RecipientClass.SCHOOL);
                RecipientShare share = shares.schoolWithdrawal(held, rule, schoolDueBy,
                        rule.handlingInstruction().replace("{force}", forceName));
                shares.warnIfCalendarDataMissing(schoolDueBy, share);
                planned.add(share);
            }
        }
        return new SharingPlan(policy.version(), planned, notShared);
    }
}
