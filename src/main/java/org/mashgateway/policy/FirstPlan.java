package org.mashgateway.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.mashgateway.directory.Agency;
import org.mashgateway.directory.Directory;
import org.mashgateway.schoolday.AgencyDeadline;
import org.mashgateway.schoolday.DueBy;
import org.mashgateway.schoolday.Eligibility;
import org.mashgateway.schoolday.SchoolAgeRule;
import org.mashgateway.schoolday.SchoolDeadline;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.Elements;
import org.mashgateway.xml.ParsedDocument;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The first sharing of a DomesticAbuseNotification: who receives it under the policy in force, and
 * each recipient's minimised document with its deadline and lawful basis.
 */
@Component
public class FirstPlan {

    /** Reason code of a child with no {@code <School>}. */
    static final String NO_SCHOOL_RECORDED = "NO_SCHOOL_RECORDED";

    /** Reason code of a child whose school URN the directory does not hold. */
    static final String SCHOOL_NOT_IN_DIRECTORY = "SCHOOL_NOT_IN_DIRECTORY";

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final SharingPolicy policyInForce;
    private final Shares shares;
    private final Directory directory;
    private final SchoolAgeRule schoolAge;
    private final SchoolDeadline schoolDeadline;

    FirstPlan(SharingPolicy policyInForce, Shares shares, Directory directory, SchoolAgeRule schoolAge,
            SchoolDeadline schoolDeadline) {
        this.policyInForce = policyInForce;
        this.shares = shares;
        this.directory = directory;
        this.schoolAge = schoolAge;
        this.schoolDeadline = schoolDeadline;
    }

    /**
     * Decides the recipients of a plain DomesticAbuseNotification and builds each one's document.
     *
     * <p>Agencies first: one {@link RecipientShare} per directory agency of class SOCIAL_CARE,
     * HEALTH or EDUCATION_WELFARE, minimised by that class's profile, with a new gateway
     * reference, DueBy = CreatedAt + the deadline of the risk level, and the lawful basis; and a
     * {@link NotShared} {@code NO_AGENCY_FOR_CLASS_<CLASS>} for a class the directory has no agency
     * of.
     *
     * <p>Then schools (SDAT), child by child in document order: the first of these that applies is
     * recorded as {@code NotShared(SCHOOL, urn or null, reason)}: {@code
     * CHILD_NOT_STATUTORY_SCHOOL_AGE} (the area's {@link SchoolAgeRule} on the incident's local date
     * in Europe/London), {@link #NO_SCHOOL_RECORDED}, {@link #SCHOOL_NOT_IN_DIRECTORY}. Otherwise the
     * child's school receives its own SchoolNotification (two siblings at one school: two shares),
     * built from the SCHOOL class's profile, due at 08:00 on the next school day after the incident
     * ({@link SchoolDeadline}).
     *
     * <p>Only plain notifications: a correction (with {@code Supersedes}) or a
     * NotificationWithdrawal goes to the recipients of the version it replaces, which the caller
     * finds in the delivery records: see {@link ReplacementPlan}.
     *
     * @param accepted the notification as accepted at ingress
     * @param senderForceCode the sending force's code, whose directory name fills {@code {force}}
     * @throws IllegalArgumentException for anything but a DomesticAbuseNotification without Supersedes
     * @throws IllegalStateException if a built document breaks its schema (nothing of it is sent)
     */
    public SharingPlan planFor(ParsedDocument accepted, String senderForceCode) {
        Element police = accepted.document().getDocumentElement();
        if (accepted.type() != DocumentType.DA_NOTIFICATION || child(police, "Supersedes") != null) {
            throw new IllegalArgumentException("planFor takes a DomesticAbuseNotification without Supersedes");
        }
        LoadedPolicy policy = policyInForce.current();
        String riskLevel = child(police, "Incident", "RiskLevel").getTextContent();
        OffsetDateTime dueBy = AgencyDeadline.dueBy(OffsetDateTime.parse(child(police, "CreatedAt").getTextContent()),
                policy.deadline(riskLevel));
        String forceName = shares.forceName(senderForceCode);
        List<Agency> agencies = directory.agencies();
        List<RecipientShare> planned = new ArrayList<>();
        List<NotShared> notShared = new ArrayList<>();
        for (RecipientClass recipientClass : Shares.AGENCY_CLASSES) {
            List<Agency> ofClass = agencies.stream().filter(a -> recipientClass.includes(a.agencyClass())).toList();
            if (ofClass.isEmpty()) {
                notShared.add(new NotShared(RecipientType.AGENCY, null, "NO_AGENCY_FOR_CLASS_" + recipientClass));
                continue;
            }
            LoadedPolicy.ClassRule rule = policy.rule(recipientClass);
            // one minimised copy per class: every agency of the class receives the same fields
            Minimiser.Minimised fields = Minimiser.minimise(accepted.document(), rule.profile());
            for (Agency agency : ofClass) {
                planned.add(shares.agencyShare(agency, null, rule, fields, dueBy, forceName));
            }
        }
        planSchools(accepted.document(), policy.rule(RecipientClass.SCHOOL), forceName, planned, notShared);
        return new SharingPlan(policy.version(), planned, notShared);
    }

    private void planSchools(Document police, LoadedPolicy.ClassRule rule, String forceName,
            List<RecipientShare> planned, List<NotShared> notShared) {
        List<Element> children = Elements.children(police.getDocumentElement(), "Child");
        if (children.isEmpty()) {
            return;
        }
        Instant incident = OffsetDateTime.parse(child(police.getDocumentElement(), "Incident", "DateTime")
                .getTextContent()).toInstant();
        LocalDate incidentDate = incident.atZone(LONDON).toLocalDate();
        // one minimised copy for every school: the profile decides what any school may see
        Minimiser.Minimised fields = Minimiser.minimise(police, rule.profile());
        List<Element> minimisedChildren = Elements.children(fields.document().getDocumentElement(), "Child");
        if (minimisedChildren.size() != children.size()) {
            throw new IllegalStateException("the school profile " + rule.profile().id() + " did not keep every Child");
        }
        String instruction = rule.handlingInstruction().replace("{force}", forceName);
        DueBy dueBy = null;
        for (int i = 0; i < children.size(); i++) {
            Element source = children.get(i);
            String urn = schoolUrn(source);
            String notToldBecause = whyNoSchoolIsTold(source, incidentDate, schoolAge, directory);
            if (notToldBecause != null) {
                notShared.add(new NotShared(RecipientType.SCHOOL, urn, notToldBecause));
            } else {
                if (dueBy == null) {
                    dueBy = schoolDeadline.dueBy(incident);
                }
                RecipientShare share = shares.schoolShare(urn, null, i, rule, fields, minimisedChildren.get(i), dueBy,
                        instruction);
                shares.warnIfCalendarDataMissing(dueBy, share);
                planned.add(share);
            }
        }
    }

    /** The URN of the child's {@code <School>}, or null when none is recorded. */
    static String schoolUrn(Element child) {
        Element school = child(child, "School");
        return school == null ? null : school.getAttribute("urn");
    }

    /**
     * The school rules for one child, first plans and corrections alike: null when the child's
     * school is to be told, else the reason code why not (not of statutory school age, no school
     * recorded, school not in the directory).
     */
    static String whyNoSchoolIsTold(Element child, LocalDate incidentDate, SchoolAgeRule schoolAge, Directory directory) {
        Eligibility eligibility = schoolAge.evaluate(LocalDate.parse(child(child, "DateOfBirth").getTextContent()),
                incidentDate);
        String urn = schoolUrn(child);
        return !eligibility.eligible() ? eligibility.reasonCode()
                : urn == null ? NO_SCHOOL_RECORDED
                : directory.school(urn).isEmpty() ? SCHOOL_NOT_IN_DIRECTORY
                : null;
    }

    /** The element at {@code path} below {@code parent} (every step required by the schema), or null. */
    static Element child(Element parent, String... path) {
        return Elements.child(parent, path).orElse(null);
    }
}
