package org.mashgateway.policy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.directory.Agency;
import org.mashgateway.directory.Directory;
import org.mashgateway.directory.Force;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.schoolday.DueBy;
import org.mashgateway.schoolday.Eligibility;
import org.mashgateway.schoolday.SchoolAgeRule;
import org.mashgateway.schoolday.SchoolDeadline;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.ParsedDocument;
import org.mashgateway.xml.XmlDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;
import org.mashgateway.xml.Elements;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The sharing policy in force: decides who receives an accepted DomesticAbuseNotification and
 * builds, per agency, the minimised AgencyNotification, and per child's school, the SDAT
 * SchoolNotification, each with its deadline, lawful basis and text.
 *
 * <p>The rules come from one human-readable file ({@code mash.policy}, default
 * {@code classpath:policy/sharing-policy.yaml}; see docs/sharing-policy.md). A broken file at
 * start-up stops the gateway. Afterwards {@link PolicyWatch} polls the file's modification time
 * and size every {@code mash.policy.reload-interval}; a change is loaded once it has stayed the same
 * for one further poll (so a half-written file is not read), and a change that is refused keeps
 * the last good policy in force and raises a SYSTEM alert {@code POLICY_LOAD_FAILED} naming the
 * entry at fault. Each plan is made under one policy version, named in the plan.
 */
@Component
public class SharingPolicy {

    /** The mail title of an agency notification (interfaces.md, "Mail"). */
    public static final String AGENCY_TITLE = "Domestic abuse notification";

    /** The mail title of a school notification (interfaces.md, "Mail"). */
    public static final String SCHOOL_TITLE = "SDAT school notification";

    /** The mail title of a CORRECTION, to agencies and schools alike (interfaces.md, "Mail"). */
    public static final String CORRECTION_TITLE = "Correction";

    /** The mail title of a WITHDRAWAL, to agencies and schools alike (interfaces.md, "Mail"). */
    public static final String WITHDRAWAL_TITLE = "Withdrawal";

    /** Reason code of a recipient whose delivery of the version being replaced FAILED: it never had it. */
    public static final String ORIGINAL_NOT_DELIVERED = "ORIGINAL_NOT_DELIVERED";

    /**
     * Reason code of an earlier agency recipient that the directory no longer holds, or that is no
     * longer of a class receiving notifications: it cannot be sent the correction or withdrawal.
     */
    public static final String AGENCY_NOT_IN_DIRECTORY = "AGENCY_NOT_IN_DIRECTORY";

    /** Reason code of a child with no {@code <School>}. */
    public static final String NO_SCHOOL_RECORDED = "NO_SCHOOL_RECORDED";

    /** Reason code of a child whose school URN the directory does not hold. */
    public static final String SCHOOL_NOT_IN_DIRECTORY = "SCHOOL_NOT_IN_DIRECTORY";

    private static final Logger log = LoggerFactory.getLogger(SharingPolicy.class);
    private static final String DA = DocumentType.DA_NOTIFICATION.namespace();
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final List<RecipientClass> AGENCY_CLASSES =
            List.of(RecipientClass.SOCIAL_CARE, RecipientClass.HEALTH, RecipientClass.EDUCATION_WELFARE);

    private final PolicySource source;
    private final PolicyLoader loader;
    private final Duration reloadInterval;
    private final Directory directory;
    private final GatewayReferences references;
    private final AgencyNotificationBuilder builder;
    private final SchoolNotificationBuilder schoolBuilder;
    private final SchoolAgeRule schoolAge;
    private final SchoolDeadline schoolDeadline;
    private final SafeguardingContact contact;
    private final Alerts alerts;
    private final Object loading = new Object();

    private volatile LoadedPolicy current;
    /** Guarded by {@code loading}: the stamp of the file in force and of a change not yet loaded. */
    private Optional<PolicySource.Stamp> loadedStamp;
    private Optional<PolicySource.Stamp> pendingStamp = Optional.empty();

    /**
     * Loads the policy; a broken one stops the gateway from starting.
     *
     * @param location {@code mash.policy}, read with {@code @Value} because it is both a value and
     *     the prefix of {@code mash.policy.reload-interval}
     * @param reloadInterval {@code mash.policy.reload-interval}, ISO-8601 ({@code PT5S}) or simple ({@code 5s})
     */
    public SharingPolicy(
            @Value("${mash.policy:classpath:policy/sharing-policy.yaml}") String location,
            @Value("${mash.policy.reload-interval:PT5S}") String reloadInterval,
            Directory directory,
            XmlDocuments xml,
            GatewayReferences references,
            Alerts alerts,
            SchoolAgeRule schoolAge,
            SchoolDeadline schoolDeadline,
            SafeguardingContact contact) {
        this.source = PolicySource.of(location);
        this.loader = new PolicyLoader(SchemaFields.daNotification());
        this.reloadInterval = DurationStyle.detectAndParse(reloadInterval);
        if (this.reloadInterval.isNegative() || this.reloadInterval.isZero()) {
            throw new IllegalArgumentException("mash.policy.reload-interval must be positive");
        }
        this.directory = directory;
        this.references = references;
        this.builder = new AgencyNotificationBuilder(xml);
        this.schoolBuilder = new SchoolNotificationBuilder(xml);
        this.schoolAge = schoolAge;
        this.schoolDeadline = schoolDeadline;
        this.contact = contact;
        this.alerts = alerts;
        this.loadedStamp = source.stamp();
        this.current = read();
        log.info("Sharing policy {} in force, read from {}", current.version(), location);
    }

    /** Whether the policy is a file that can change while the gateway runs (not one inside the jar). */
    boolean watchable() {
        return source.path() != null;
    }

    /** {@code mash.policy.reload-interval}: how often {@link PolicyWatch} polls the file. */
    Duration reloadInterval() {
        return reloadInterval;
    }

    /**
     * Reads the policy file now, whether or not it changed (the admin console's "reload"). A file
     * that does not load is refused as on a poll: the version in force stays and an alert is raised.
     */
    public PolicyReload reload() {
        synchronized (loading) {
            loadedStamp = source.stamp();
            pendingStamp = Optional.empty();
            try {
                LoadedPolicy loaded = read();
                current = loaded;
                log.info("Sharing policy {} in force, reloaded on request from {}", loaded.version(), source.location());
                return new PolicyReload(true, loaded.version(), "Sharing policy " + loaded.version() + " in force");
            } catch (PolicyLoadException refused) {
                log.warn("Sharing policy reload refused, version {} stays in force: {}", current.version(),
                        refused.getMessage());
                alerts.raise(AlertKind.SYSTEM, "POLICY_LOAD_FAILED", refused.getMessage());
                return new PolicyReload(false, current.version(), refused.getMessage());
            }
        }
    }

    /** The version of the policy in force, as every decision records it. */
    public String version() {
        return current.version();
    }

    /** The lawful basis text the policy in force names for {@code recipientClass}. */
    public String lawfulBasis(RecipientClass recipientClass) {
        return current.rule(recipientClass).lawfulBasis();
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
     * finds in the delivery records: see {@link #planCorrection} and {@link #planWithdrawal}.
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
        LoadedPolicy policy = current;
        String riskLevel = child(police, "Incident", "RiskLevel").getTextContent();
        OffsetDateTime dueBy = OffsetDateTime.parse(child(police, "CreatedAt").getTextContent())
                .plus(policy.deadline(riskLevel))
                .truncatedTo(ChronoUnit.SECONDS);
        String forceName = directory.force(senderForceCode).map(Force::name).orElse(senderForceCode);
        List<Agency> agencies = directory.agencies();
        List<RecipientShare> shares = new ArrayList<>();
        List<NotShared> notShared = new ArrayList<>();
        for (RecipientClass recipientClass : AGENCY_CLASSES) {
            List<Agency> ofClass = agencies.stream().filter(a -> recipientClass.includes(a.agencyClass())).toList();
            if (ofClass.isEmpty()) {
                notShared.add(new NotShared(RecipientType.AGENCY, null, "NO_AGENCY_FOR_CLASS_" + recipientClass));
                continue;
            }
            LoadedPolicy.ClassRule rule = policy.rule(recipientClass);
            // one minimised copy per class: every agency of the class receives the same fields
            Minimiser.Minimised fields = Minimiser.minimise(accepted.document(), rule.profile());
            for (Agency agency : ofClass) {
                shares.add(share(agency, rule, fields, dueBy, forceName));
            }
        }
        planSchools(accepted.document(), policy.rule(RecipientClass.SCHOOL), forceName, shares, notShared);
        return new SharingPlan(policy.version(), shares, notShared);
    }

    private void planSchools(Document police, LoadedPolicy.ClassRule rule, String forceName,
            List<RecipientShare> shares, List<NotShared> notShared) {
        List<Element> children = children(police.getDocumentElement(), "Child");
        if (children.isEmpty()) {
            return;
        }
        Instant incident = OffsetDateTime.parse(child(police.getDocumentElement(), "Incident", "DateTime")
                .getTextContent()).toInstant();
        LocalDate incidentDate = incident.atZone(LONDON).toLocalDate();
        // one minimised copy for every school: the profile decides what any school may see
        Minimiser.Minimised fields = Minimiser.minimise(police, rule.profile());
        List<Element> minimisedChildren = children(fields.document().getDocumentElement(), "Child");
        if (minimisedChildren.size() != children.size()) {
            throw new IllegalStateException("the school profile " + rule.profile().id() + " did not keep every Child");
        }
        String instruction = rule.handlingInstruction().replace("{force}", forceName);
        DueBy dueBy = null;
        for (int i = 0; i < children.size(); i++) {
            Element source = children.get(i);
            Element school = child(source, "School");
            String urn = school == null ? null : school.getAttribute("urn");
            Eligibility eligibility = schoolAge.evaluate(
                    LocalDate.parse(child(source, "DateOfBirth").getTextContent()), incidentDate);
            if (!eligibility.eligible()) {
                notShared.add(new NotShared(RecipientType.SCHOOL, urn, eligibility.reasonCode()));
            } else if (urn == null) {
                notShared.add(new NotShared(RecipientType.SCHOOL, null, NO_SCHOOL_RECORDED));
            } else if (directory.school(urn).isEmpty()) {
                notShared.add(new NotShared(RecipientType.SCHOOL, urn, SCHOOL_NOT_IN_DIRECTORY));
            } else {
                if (dueBy == null) {
                    dueBy = schoolDeadline.dueBy(incident);
                }
                RecipientShare share = schoolShare(urn, null, i, rule, fields, minimisedChildren.get(i), dueBy,
                        instruction);
                warnIfCalendarDataMissing(dueBy, share);
                shares.add(share);
            }
        }
    }

    private RecipientShare schoolShare(String urn, String replaces, int childIndex, LoadedPolicy.ClassRule rule,
            Minimiser.Minimised fields, Element minimisedChild, DueBy dueBy, String instruction) {
        String reference = references.next();
        Document document = schoolBuilder.build(reference, replaces, fields.document().getDocumentElement(),
                minimisedChild, contact, instruction, urn);
        String title = replaces == null ? SCHOOL_TITLE : CORRECTION_TITLE;
        String text = SchoolNotificationText.render(title, document.getDocumentElement());
        return new RecipientShare(RecipientType.SCHOOL, urn, reference, replaces == null ? "NOTIFICATION" : "CORRECTION",
                dueBy.at().toInstant(), SchoolNotificationBuilder.DOCUMENT_TYPE, builder.bytes(document), title, text,
                rule.profile().id(), fields.fieldsShared(), fields.fieldsDropped(), rule.lawfulBasis(), replaces,
                childIndex);
    }

    private RecipientShare share(Agency agency, LoadedPolicy.ClassRule rule, Minimiser.Minimised fields,
            OffsetDateTime dueBy, String forceName) {
        return share(agency, null, rule, fields, dueBy, forceName);
    }

    /** An agency's NOTIFICATION ({@code replaces} null) or CORRECTION of the reference it received. */
    private RecipientShare share(Agency agency, String replaces, LoadedPolicy.ClassRule rule,
            Minimiser.Minimised fields, OffsetDateTime dueBy, String forceName) {
        String reference = references.next();
        String kind = replaces == null ? "NOTIFICATION" : "CORRECTION";
        String title = replaces == null ? AGENCY_TITLE : CORRECTION_TITLE;
        Document document = builder.build(reference, kind, replaces, agency, dueBy, rule.lawfulBasis(),
                fields.document());
        String text = NotificationText.render(title, reference, kind, replaces,
                AgencyNotificationBuilder.DATE_TIME.format(dueBy), agency.name() + " (" + agency.code() + ")",
                fields.document().getDocumentElement(), rule.handlingInstruction().replace("{force}", forceName));
        return new RecipientShare(RecipientType.AGENCY, agency.code(), reference, kind, dueBy.toInstant(),
                AgencyNotificationBuilder.DOCUMENT_TYPE, builder.bytes(document), title, text,
                rule.profile().id(), fields.fieldsShared(), fields.fieldsDropped(), rule.lawfulBasis(), replaces, null);
    }

    private void warnIfCalendarDataMissing(DueBy dueBy, RecipientShare share) {
        if (dueBy.calendarDataMissing()) {
            // The deadline skipped weekends only: an admin must add the term dates or bank holidays.
            alerts.raise(AlertKind.DEADLINE, DueBy.CALENDAR_DATA_MISSING, "school notification "
                    + share.reference() + " is due by a deadline worked out without full calendar data");
        }
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
     * #planFor}. School deadlines are 08:00 on the next school day after the incident or, if later,
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
        LoadedPolicy policy = current;
        String forceName = directory.force(senderForceCode).map(Force::name).orElse(senderForceCode);
        OffsetDateTime createdAt = OffsetDateTime.parse(child(police, "CreatedAt").getTextContent());
        OffsetDateTime dueBy = createdAt.plus(policy.deadline(child(police, "Incident", "RiskLevel").getTextContent()))
                .truncatedTo(ChronoUnit.SECONDS);
        List<RecipientShare> shares = new ArrayList<>();
        List<NotShared> notShared = new ArrayList<>();
        Map<RecipientClass, Minimiser.Minimised> minimisedByClass = new EnumMap<>(RecipientClass.class);
        for (EarlierShare held : earlier) {
            if (held.recipientType() != RecipientType.AGENCY) {
                continue;
            }
            Optional<Agency> agency = directory.agency(held.recipient());
            Optional<RecipientClass> recipientClass = agency.flatMap(SharingPolicy::classOf);
            if (held.failed()) {
                notShared.add(new NotShared(RecipientType.AGENCY, held.recipient(), ORIGINAL_NOT_DELIVERED));
            } else if (recipientClass.isEmpty()) {
                notShared.add(new NotShared(RecipientType.AGENCY, held.recipient(), AGENCY_NOT_IN_DIRECTORY));
            } else {
                LoadedPolicy.ClassRule rule = policy.rule(recipientClass.get());
                Minimiser.Minimised fields = minimisedByClass.computeIfAbsent(recipientClass.get(),
                        c -> Minimiser.minimise(correction.document(), rule.profile()));
                shares.add(share(agency.get(), held.reference(), rule, fields, dueBy, forceName));
            }
        }
        correctSchools(correction.document(), previous.document(), createdAt.toInstant(), earlier,
                policy.rule(RecipientClass.SCHOOL), forceName, shares, notShared);
        return new SharingPlan(policy.version(), shares, notShared);
    }

    private void correctSchools(Document police, Document previous, Instant createdAt, List<EarlierShare> earlier,
            LoadedPolicy.ClassRule rule, String forceName, List<RecipientShare> shares, List<NotShared> notShared) {
        List<Element> children = children(police.getDocumentElement(), "Child");
        Instant incident = OffsetDateTime.parse(child(police.getDocumentElement(), "Incident", "DateTime")
                .getTextContent()).toInstant();
        LocalDate incidentDate = incident.atZone(LONDON).toLocalDate();
        Minimiser.Minimised fields = Minimiser.minimise(police, rule.profile());
        List<Element> minimisedChildren = children(fields.document().getDocumentElement(), "Child");
        if (minimisedChildren.size() != children.size()) {
            throw new IllegalStateException("the school profile " + rule.profile().id() + " did not keep every Child");
        }
        String instruction = rule.handlingInstruction().replace("{force}", forceName);
        DueBy dueBy = schoolDeadline.dueBy(incident.isAfter(createdAt) ? incident : createdAt);
        List<Element> previousChildren = children(previous.getDocumentElement(), "Child");
        int[] previousOf = ChildPairing.pair(previousChildren, children);
        // what the school rules say of each corrected child: its school's URN, or why no school is told
        List<String> urns = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Element source : children) {
            Element school = child(source, "School");
            String urn = school == null ? null : school.getAttribute("urn");
            Eligibility eligibility = schoolAge.evaluate(
                    LocalDate.parse(child(source, "DateOfBirth").getTextContent()), incidentDate);
            urns.add(urn);
            reasons.add(!eligibility.eligible() ? eligibility.reasonCode()
                    : urn == null ? NO_SCHOOL_RECORDED
                    : directory.school(urn).isEmpty() ? SCHOOL_NOT_IN_DIRECTORY
                    : null);
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
                RecipientShare share = schoolShare(held.recipient(), held.reference(), corrected, rule, fields,
                        minimisedChildren.get(corrected), dueBy, instruction);
                warnIfCalendarDataMissing(dueBy, share);
                shares.add(share);
            } else if (directory.school(held.recipient()).isEmpty()) {
                notShared.add(new NotShared(RecipientType.SCHOOL, held.recipient(), SCHOOL_NOT_IN_DIRECTORY));
            } else {
                shares.add(schoolWithdrawal(held, rule, dueBy, instruction));
            }
        }
        for (int i = 0; i < children.size(); i++) {
            if (settled[i]) {
                continue;
            }
            if (reasons.get(i) != null) {
                notShared.add(new NotShared(RecipientType.SCHOOL, urns.get(i), reasons.get(i)));
            } else {
                RecipientShare share = schoolShare(urns.get(i), null, i, rule, fields, minimisedChildren.get(i), dueBy,
                        instruction);
                warnIfCalendarDataMissing(dueBy, share);
                shares.add(share);
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
        LoadedPolicy policy = current;
        Element root = withdrawal.document().getDocumentElement();
        String forceName = directory.force(senderForceCode).map(Force::name).orElse(senderForceCode);
        OffsetDateTime createdAt = OffsetDateTime.parse(child(root, "CreatedAt").getTextContent());
        OffsetDateTime agencyDueBy = createdAt.plus(policy.deadline(
                child(previous.document().getDocumentElement(), "Incident", "RiskLevel").getTextContent()))
                .truncatedTo(ChronoUnit.SECONDS);
        DueBy schoolDueBy = null;
        List<String> withdrawalFields = Elements.children(root).stream()
                .map(e -> "NotificationWithdrawal/" + e.getLocalName()).toList();
        List<RecipientShare> shares = new ArrayList<>();
        List<NotShared> notShared = new ArrayList<>();
        for (EarlierShare held : earlier) {
            if (held.failed()) {
                notShared.add(new NotShared(held.recipientType(), held.recipient(), ORIGINAL_NOT_DELIVERED));
            } else if (held.recipientType() == RecipientType.AGENCY) {
                Optional<Agency> agency = directory.agency(held.recipient());
                Optional<RecipientClass> recipientClass = agency.flatMap(SharingPolicy::classOf);
                if (recipientClass.isEmpty()) {
                    notShared.add(new NotShared(RecipientType.AGENCY, held.recipient(), AGENCY_NOT_IN_DIRECTORY));
                } else {
                    shares.add(agencyWithdrawal(agency.get(), held.reference(), policy.rule(recipientClass.get()),
                            withdrawal.document(), withdrawalFields, agencyDueBy, forceName));
                }
            } else if (directory.school(held.recipient()).isEmpty()) {
                notShared.add(new NotShared(RecipientType.SCHOOL, held.recipient(), SCHOOL_NOT_IN_DIRECTORY));
            } else {
                if (schoolDueBy == null) {
                    schoolDueBy = schoolDeadline.dueBy(createdAt.toInstant());
                }
                LoadedPolicy.ClassRule rule = policy.rule(RecipientClass.SCHOOL);
                RecipientShare share = schoolWithdrawal(held, rule, schoolDueBy,
                        rule.handlingInstruction().replace("{force}", forceName));
                warnIfCalendarDataMissing(schoolDueBy, share);
                shares.add(share);
            }
        }
        return new SharingPlan(policy.version(), shares, notShared);
    }

    private RecipientShare agencyWithdrawal(Agency agency, String replaces, LoadedPolicy.ClassRule rule,
            Document withdrawal, List<String> withdrawalFields, OffsetDateTime dueBy, String forceName) {
        String reference = references.next();
        Document document = builder.build(reference, "WITHDRAWAL", replaces, agency, dueBy, rule.lawfulBasis(),
                withdrawal);
        String text = NotificationText.renderWithdrawal(WITHDRAWAL_TITLE, reference, replaces,
                AgencyNotificationBuilder.DATE_TIME.format(dueBy), agency.name() + " (" + agency.code() + ")", forceName,
                withdrawal.getDocumentElement(), rule.handlingInstruction().replace("{force}", forceName));
        return new RecipientShare(RecipientType.AGENCY, agency.code(), reference, "WITHDRAWAL", dueBy.toInstant(),
                AgencyNotificationBuilder.DOCUMENT_TYPE, builder.bytes(document), WITHDRAWAL_TITLE, text,
                rule.profile().id(), withdrawalFields, List.of(), rule.lawfulBasis(), replaces, null);
    }

    /** A school's WITHDRAWAL: no field of any police document goes into it, so none is listed as shared. */
    private RecipientShare schoolWithdrawal(EarlierShare held, LoadedPolicy.ClassRule rule, DueBy dueBy,
            String instruction) {
        String reference = references.next();
        Document document = schoolBuilder.buildWithdrawal(reference, held.reference(), contact, instruction,
                held.recipient());
        String text = SchoolNotificationText.render(WITHDRAWAL_TITLE, document.getDocumentElement());
        return new RecipientShare(RecipientType.SCHOOL, held.recipient(), reference, "WITHDRAWAL",
                dueBy.at().toInstant(), SchoolNotificationBuilder.DOCUMENT_TYPE, builder.bytes(document),
                WITHDRAWAL_TITLE, text, rule.profile().id(), List.of(), List.of(), rule.lawfulBasis(), held.reference(),
                null);
    }

    /** The agency class of the policy a directory agency belongs to, if it receives notifications at all. */
    private static Optional<RecipientClass> classOf(Agency agency) {
        return AGENCY_CLASSES.stream().filter(c -> c.includes(agency.agencyClass())).findFirst();
    }

    /** One poll: load when the file changed and has stayed the same since the previous poll. */
    void poll() {
        synchronized (loading) {
            Optional<PolicySource.Stamp> now = source.stamp();
            if (now.equals(loadedStamp)) {
                pendingStamp = Optional.empty();
                return;
            }
            if (!now.equals(pendingStamp)) {
                pendingStamp = now;
                return;
            }
            pendingStamp = Optional.empty();
            loadedStamp = now;
            try {
                LoadedPolicy loaded = read();
                current = loaded;
                log.info("Sharing policy {} in force, reloaded from {}", loaded.version(), source.location());
            } catch (PolicyLoadException refused) {
                log.warn("Sharing policy change refused, version {} stays in force: {}", current.version(),
                        refused.getMessage());
                alerts.raise(AlertKind.SYSTEM, "POLICY_LOAD_FAILED", refused.getMessage());
            }
        }
    }

    private LoadedPolicy read() {
        try (InputStream in = source.open()) {
            return loader.load(source.location(), in);
        } catch (IOException unreadable) {
            throw new PolicyLoadException("sharing policy " + source.location() + " refused: the file cannot be read");
        }
    }

    /** The elements named {@code localName} directly below {@code parent}, in document order. */
    private static List<Element> children(Element parent, String localName) {
        return Elements.children(parent, localName);
    }

    /** The element at {@code path} below {@code parent} (every step required by the schema). */
    private static Element child(Element parent, String... path) {
        return Elements.child(parent, path).orElse(null);
    }
}
