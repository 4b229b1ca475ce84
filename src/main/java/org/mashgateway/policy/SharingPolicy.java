package org.mashgateway.policy;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * start-up stops the gateway. Afterwards a daemon thread polls the file's modification time and
 * size every {@code mash.policy.reload-interval}; a change is loaded once it has stayed the same
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
    private ScheduledExecutorService poller;

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

    @PostConstruct
    void startWatching() {
        if (source.path() == null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sharing-policy-reload");
            thread.setDaemon(true);
            return thread;
        });
        long millis = reloadInterval.toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopWatching() {
        if (poller != null) {
            poller.shutdownNow();
        }
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
     * NotificationWithdrawal goes to the recipients of the original, which the caller finds in the
     * audit trail, and is not decided by this method.
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
                RecipientShare share = schoolShare(urn, rule, fields, minimisedChildren.get(i), dueBy, instruction);
                if (dueBy.calendarDataMissing()) {
                    // The deadline skipped weekends only: an admin must add the term dates or bank holidays.
                    alerts.raise(AlertKind.DEADLINE, DueBy.CALENDAR_DATA_MISSING, "school notification "
                            + share.reference() + " is due by a deadline worked out without full calendar data");
                }
                shares.add(share);
            }
        }
    }

    private RecipientShare schoolShare(String urn, LoadedPolicy.ClassRule rule, Minimiser.Minimised fields,
            Element minimisedChild, DueBy dueBy, String instruction) {
        String reference = references.next();
        Document document = schoolBuilder.build(reference, fields.document().getDocumentElement(), minimisedChild,
                contact, instruction, urn);
        String text = SchoolNotificationText.render(SCHOOL_TITLE, document.getDocumentElement());
        return new RecipientShare(RecipientType.SCHOOL, urn, reference, "NOTIFICATION", dueBy.at().toInstant(),
                SchoolNotificationBuilder.DOCUMENT_TYPE, builder.bytes(document), SCHOOL_TITLE, text,
                rule.profile().id(), fields.fieldsShared(), fields.fieldsDropped(), rule.lawfulBasis());
    }

    private RecipientShare share(Agency agency, LoadedPolicy.ClassRule rule, Minimiser.Minimised fields,
            OffsetDateTime dueBy, String forceName) {
        String reference = references.next();
        Document document = builder.build(reference, agency, dueBy, rule.lawfulBasis(), fields.document());
        String text = NotificationText.render(AGENCY_TITLE, reference, "NOTIFICATION",
                AgencyNotificationBuilder.DATE_TIME.format(dueBy), agency.name() + " (" + agency.code() + ")",
                fields.document().getDocumentElement(), rule.handlingInstruction().replace("{force}", forceName));
        return new RecipientShare(RecipientType.AGENCY, agency.code(), reference, "NOTIFICATION", dueBy.toInstant(),
                AgencyNotificationBuilder.DOCUMENT_TYPE, builder.bytes(document), AGENCY_TITLE, text,
                rule.profile().id(), fields.fieldsShared(), fields.fieldsDropped(), rule.lawfulBasis());
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

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException unexpected) {
            // an exception would cancel the scheduled task and silently end hot reload
            log.error("Sharing policy poll failed; polling continues", unexpected);
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
