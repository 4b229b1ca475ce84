package org.mashgateway.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.mashgateway.directory.CallerKind;
import org.mashgateway.directory.Directory;

/**
 * Decides who may use the embedded broker. The gateway itself logs in as {@value #GATEWAY_USER}
 * with a password generated at every start, and only over the in-VM connection. In the demo,
 * every force, case system and agency of the directory logs in with its code and the password
 * {@value #DEMO_PASSWORD} and gets {@link PartnerRights} on its own addresses. The directory is
 * asked at each login, so a partner added or removed while running is seen without a restart.
 */
final class PartnerSecurityManager implements ActiveMQSecurityManager5 {

    /** The gateway's own broker user. */
    static final String GATEWAY_USER = "mash-gateway";

    /** The password of every partner's demo user; never accepted outside the demo. */
    static final String DEMO_PASSWORD = "demo";

    private static final String GATEWAY_ROLE = "gateway";

    private final byte[] gatewayPassword;
    private final Supplier<Directory> directory;
    private final boolean demoUsers;

    PartnerSecurityManager(String gatewayPassword, Supplier<Directory> directory, boolean demoUsers) {
        this.gatewayPassword = gatewayPassword.getBytes(StandardCharsets.UTF_8);
        this.directory = directory;
        this.demoUsers = demoUsers;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        if (user == null || password == null) {
            return null;
        }
        if (GATEWAY_USER.equals(user)) {
            boolean inVm = connection != null && connection.getTransportConnection() instanceof InVMConnection;
            return inVm && matches(password, gatewayPassword) ? subject(user, Set.of(GATEWAY_ROLE)) : null;
        }
        if (!demoUsers || !matches(password, DEMO_PASSWORD.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        Set<CallerKind> kinds = kindsOf(user);
        if (kinds.isEmpty()) {
            return null;
        }
        return subject(user, kinds.stream().map(CallerKind::name).collect(Collectors.toSet()));
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        Set<String> granted = names(subject, RolePrincipal.class);
        if (granted.contains(GATEWAY_ROLE)) {
            return true;
        }
        Set<CallerKind> kinds = EnumSet.noneOf(CallerKind.class);
        for (CallerKind kind : CallerKind.values()) {
            if (granted.contains(kind.name())) {
                kinds.add(kind);
            }
        }
        String user = getUserFromSubject(subject);
        return user != null && PartnerRights.permits(user, kinds, checkType, address);
    }

    @Override
    public boolean validateUser(String user, String password) {
        return authenticate(user, password, null, null) != null;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        // Artemis calls the address-aware authorize(...) of ActiveMQSecurityManager5 instead;
        // without an address no partner right can be decided, so nothing is granted here.
        return false;
    }

    /** The directory roles a code holds right now; a code may, unusually, be both a force and an agency. */
    private Set<CallerKind> kindsOf(String code) {
        Directory current = directory.get();
        Set<CallerKind> kinds = EnumSet.noneOf(CallerKind.class);
        if (current.force(code).isPresent()) {
            kinds.add(CallerKind.FORCE);
        }
        if (current.caseSystem(code).isPresent()) {
            kinds.add(CallerKind.CASE_SYSTEM);
        }
        if (current.agency(code).isPresent()) {
            kinds.add(CallerKind.AGENCY);
        }
        return kinds;
    }

    private static boolean matches(String offered, byte[] expected) {
        return MessageDigest.isEqual(offered.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static Subject subject(String user, Set<String> roles) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        roles.forEach(role -> subject.getPrincipals().add(new RolePrincipal(role)));
        subject.setReadOnly();
        return subject;
    }

    private static Set<String> names(Subject subject, Class<? extends Principal> type) {
        return subject.getPrincipals(type).stream()
                .map(Principal::getName)
                .collect(Collectors.toSet());
    }
}
