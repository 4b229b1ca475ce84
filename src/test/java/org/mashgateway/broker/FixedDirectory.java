package org.mashgateway.broker;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mashgateway.directory.Agency;
import org.mashgateway.directory.AgencyClass;
import org.mashgateway.directory.Caller;
import org.mashgateway.directory.CaseSystem;
import org.mashgateway.directory.Channel;
import org.mashgateway.directory.Directory;
import org.mashgateway.directory.Force;
import org.mashgateway.directory.Protection;
import org.mashgateway.directory.School;

/** A small in-memory directory for the runtime tests; lists are mutable so a test can change it while running. */
public final class FixedDirectory implements Directory {

    public final List<Force> forces = new CopyOnWriteArrayList<>();
    public final List<CaseSystem> caseSystems = new CopyOnWriteArrayList<>();
    public final List<Agency> agencies = new CopyOnWriteArrayList<>();
    public final List<School> schools = new CopyOnWriteArrayList<>();

    /** One force (DERBYS), the case system (MASH), a queue agency (HEALTH1), another (PROB1) and an email agency (CSC), one school. */
    public static FixedDirectory demo() {
        FixedDirectory directory = new FixedDirectory();
        directory.forces.add(new Force("DERBYS", "Derbyshire Constabulary", List.of()));
        directory.caseSystems.add(new CaseSystem("MASH", "Example MASH case system", List.of()));
        directory.agencies.add(agency("HEALTH1", Channel.QUEUE, "health1@health.example"));
        directory.agencies.add(agency("PROB1", Channel.QUEUE, "prob1@probation.example"));
        directory.agencies.add(agency("CSC", Channel.EMAIL, "csc-mash@derby.example"));
        directory.schools.add(new School("100001", "Example Primary School", "safeguarding@example-primary.example",
                "deputy@example-primary.example", List.of(), Protection.SMIME));
        return directory;
    }

    public static Agency agency(String code, Channel channel, String email) {
        return new Agency(code, code + " agency", AgencyClass.HEALTH, channel, email, List.of(), Protection.SMIME, true);
    }

    @Override
    public Optional<Caller> callerFor(X509Certificate certificate) {
        return Optional.empty();
    }

    @Override
    public Optional<Force> force(String code) {
        return forces.stream().filter(f -> f.code().equals(code)).findFirst();
    }

    @Override
    public Optional<CaseSystem> caseSystem(String code) {
        return caseSystems.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    @Override
    public Optional<Agency> agency(String code) {
        return agencies.stream().filter(a -> a.code().equals(code)).findFirst();
    }

    @Override
    public Optional<School> school(String urn) {
        return schools.stream().filter(s -> s.urn().equals(urn)).findFirst();
    }

    @Override
    public List<Force> forces() {
        return List.copyOf(forces);
    }

    @Override
    public List<CaseSystem> caseSystems() {
        return List.copyOf(caseSystems);
    }

    @Override
    public List<Agency> agencies() {
        return List.copyOf(agencies);
    }

    @Override
    public List<School> schools() {
        return List.copyOf(schools);
    }
}
