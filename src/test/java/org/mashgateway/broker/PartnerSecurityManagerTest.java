package org.mashgateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.junit.jupiter.api.Test;

class PartnerSecurityManagerTest {

    private final FixedDirectory directory = FixedDirectory.demo();

    private PartnerSecurityManager manager(boolean demoUsers) {
        return new PartnerSecurityManager("internal-secret", () -> directory, demoUsers);
    }

    @Test
    void directoryPartnerLogsInWithDemoAndGetsItsOwnRights() {
        Subject derbys = manager(true).authenticate("DERBYS", "demo", null, null);

        assertThat(derbys).isNotNull();
        assertThat(manager(true).authorize(derbys, Set.of(), CheckType.SEND, BrokerAddresses.NOTIFICATIONS)).isTrue();
        assertThat(manager(true).authorize(derbys, Set.of(), CheckType.SEND, BrokerAddresses.CASEWORK)).isFalse();
    }

    @Test
    void noDemoUsersOutsideTheDemo() {
        assertThat(manager(false).authenticate("DERBYS", "demo", null, null)).isNull();
    }

    @Test
    void partnerRemovedFromTheDirectoryCanNoLongerLogIn() {
        PartnerSecurityManager manager = manager(true);
        assertThat(manager.authenticate("HEALTH1", "demo", null, null)).isNotNull();

        directory.agencies.removeIf(agency -> agency.code().equals("HEALTH1"));

        assertThat(manager.authenticate("HEALTH1", "demo", null, null)).isNull();
    }

    @Test
    void gatewayUserIsRefusedWithoutAnInVmConnectionEvenWithItsPassword() {
        assertThat(manager(true).authenticate(PartnerSecurityManager.GATEWAY_USER, "internal-secret", null, null))
                .isNull();
    }

    @Test
    void missingCredentialsAreRefused() {
        assertThat(manager(true).authenticate(null, null, null, null)).isNull();
        assertThat(manager(true).authenticate("DERBYS", null, null, null)).isNull();
    }
}
