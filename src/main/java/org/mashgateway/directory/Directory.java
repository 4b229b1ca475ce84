package org.mashgateway.directory;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** Who the gateway knows: forces, the case system, agencies and schools, with their certificates. */
public interface Directory {

    /** The registered partner whose directory certificate is exactly this one (by encoded bytes). */
    Optional<Caller> callerFor(X509Certificate certificate);

    Optional<Force> force(String code);

    Optional<CaseSystem> caseSystem(String code);

    Optional<Agency> agency(String code);

    Optional<School> school(String urn);

    List<Force> forces();

    List<CaseSystem> caseSystems();

    List<Agency> agencies();

    /** Schools from the YAML and the optional GIAS-style CSV, YAML winning on a duplicate URN. */
    List<School> schools();
}
