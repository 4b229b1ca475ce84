package org.mashgateway.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;
import org.mashgateway.broker.FixedDirectory;
import org.mashgateway.directory.Agency;
import org.mashgateway.directory.AgencyClass;
import org.mashgateway.directory.Channel;
import org.mashgateway.directory.Force;
import org.mashgateway.directory.Protection;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.schoolday.DemoSchoolDays;
import org.mashgateway.xml.DocumentRejectedException;
import org.mashgateway.xml.ParsedDocument;
import org.mashgateway.support.Notifications;
import org.mashgateway.xml.XmlDocuments;

/** Shared pieces of the policy tests: one XML reader, a directory of made-up agencies, recorded alerts. */
final class PolicyFixtures {

    static final XmlDocuments XML = new XmlDocuments(1_048_576, 64);
    static final String DEFAULT_POLICY = "classpath:policy/sharing-policy.yaml";
    static final SafeguardingContact CONTACT = new SafeguardingContact("Derby City Initial Response Team (demo)",
            "01332 000000", "irt@derby.example", "https://procedures.example/derby-safeguarding");

    /** The sample's incident and creation times: the policy reads no clock, so its tests pin the day. */
    static final String INCIDENT = "2026-11-20T22:15:00Z";
    static final String CREATED = "2026-11-20T23:05:00Z";
    /** The default child's date of birth on that day: ten, at school. */
    static final String AMY_BORN = "2016-03-14";

    private PolicyFixtures() {
    }

    /** {@link Notifications#notification()} on the sample's day, the child aged ten then. */
    static Notifications notification() {
        return onTheSampleDay().child("Amy", "Sample", AMY_BORN, "100001");
    }

    /** A notification without children, on the sample's day. */
    static Notifications onTheSampleDay() {
        return new Notifications().incidentAt(INCIDENT).createdAt(CREATED);
    }

    /** Alerts kept in memory so a test can read what was raised. */
    static final class RecordedAlerts implements Alerts {

        record Raised(AlertKind kind, String reasonCode, String context) {}

        final List<Raised> raised = new CopyOnWriteArrayList<>();

        @Override
        public void raise(AlertKind kind, String reasonCode, String context) {
            raised.add(new Raised(kind, reasonCode, context));
        }
    }

    /** The force DERBYS and one agency of each class that receives DA notifications; no school. */
    static FixedDirectory directory() {
        FixedDirectory directory = new FixedDirectory();
        directory.forces.add(new Force("DERBYS", "Derbyshire Constabulary", List.of()));
        directory.agencies.add(agency("CSC", "Derby City Children's Social Care", AgencyClass.SOCIAL_CARE));
        directory.agencies.add(agency("HEALTH1", "Derby Health Safeguarding", AgencyClass.HEALTH));
        directory.agencies.add(agency("EWS", "Derby Education Welfare Service", AgencyClass.EDUCATION_WELFARE));
        return directory;
    }

    static Agency agency(String code, String name, AgencyClass agencyClass) {
        return new Agency(code, name, agencyClass, Channel.EMAIL, code.toLowerCase() + "@agency.example", List.of(),
                Protection.SMIME, true);
    }

    static Planning policy(FixedDirectory directory, Alerts alerts) {
        return policy(DEFAULT_POLICY, directory, alerts);
    }

    /** The policy file at {@code location} and both plans made under it, wired as the application wires them. */
    static Planning policy(String location, FixedDirectory directory, Alerts alerts) {
        SharingPolicy policy = new SharingPolicy(location, "PT1S", alerts);
        Shares shares = new Shares(directory, XML, new GatewayReferences(), CONTACT, alerts);
        return new Planning(policy,
                new FirstPlan(policy, shares, directory, DemoSchoolDays.compulsorySchoolAge(), DemoSchoolDays.deadline()),
                new ReplacementPlan(policy, shares, directory, DemoSchoolDays.compulsorySchoolAge(),
                        DemoSchoolDays.deadline()));
    }

    /** The sharing policy with its two plans, for tests that plan one version after another. */
    record Planning(SharingPolicy policy, FirstPlan first, ReplacementPlan replacement) {

        SharingPlan planFor(ParsedDocument accepted, String senderForceCode) {
            return first.planFor(accepted, senderForceCode);
        }

        SharingPlan planCorrection(ParsedDocument correction, String senderForceCode, ParsedDocument previous,
                List<EarlierShare> earlier) {
            return replacement.planCorrection(correction, senderForceCode, previous, earlier);
        }

        SharingPlan planWithdrawal(ParsedDocument withdrawal, String senderForceCode, ParsedDocument previous,
                List<EarlierShare> earlier) {
            return replacement.planWithdrawal(withdrawal, senderForceCode, previous, earlier);
        }

        String version() {
            return policy.version();
        }

        String lawfulBasis(RecipientClass recipientClass) {
            return policy.lawfulBasis(recipientClass);
        }

        void poll() {
            policy.poll();
        }
    }

    /** The policy file shipped in the jar, loaded without the bean around it. */
    static LoadedPolicy defaultPolicy() {
        return load(text("policy/sharing-policy.yaml"));
    }

    /** Loads policy text as the bean would; throws {@link PolicyLoadException} when it is refused. */
    static LoadedPolicy load(String yaml) {
        return new PolicyLoader(SchemaFields.daNotification())
                .load("test-policy.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    static ParsedDocument parsed(String xml) {
        return parsed(xml.getBytes(StandardCharsets.UTF_8));
    }

    static ParsedDocument parsed(byte[] xml) {
        try {
            return XML.read(xml);
        } catch (DocumentRejectedException e) {
            throw new IllegalArgumentException("fixture is not valid: " + e.errors(), e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = PolicyFixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(resource(name), StandardCharsets.UTF_8);
    }
}
