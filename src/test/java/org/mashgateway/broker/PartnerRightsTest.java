package org.mashgateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.activemq.artemis.core.security.CheckType;
import org.junit.jupiter.api.Test;
import org.mashgateway.directory.CallerKind;

class PartnerRightsTest {

    private static final Set<CallerKind> FORCE = Set.of(CallerKind.FORCE);
    private static final Set<CallerKind> CASE_SYSTEM = Set.of(CallerKind.CASE_SYSTEM);
    private static final Set<CallerKind> AGENCY = Set.of(CallerKind.AGENCY);

    @Test
    void forceSendsNotificationsOnlyAndConsumesItsOwnReplyQueue() {
        assertThat(PartnerRights.permits("DERBYS", FORCE, CheckType.SEND, "mash.in.notifications")).isTrue();
        assertThat(PartnerRights.permits("DERBYS", FORCE, CheckType.SEND, "mash.in.information-requests")).isFalse();
        assertThat(PartnerRights.permits("DERBYS", FORCE, CheckType.SEND, "mash.out.casework")).isFalse();
        assertThat(PartnerRights.permits("DERBYS", FORCE, CheckType.CONSUME, "mash.reply.DERBYS")).isTrue();
        assertThat(PartnerRights.permits("DERBYS", FORCE, CheckType.CONSUME, "mash.reply.NOTTS")).isFalse();
        assertThat(PartnerRights.permits("DERBYS", FORCE, CheckType.CONSUME, "mash.in.notifications")).isFalse();
    }

    @Test
    void caseSystemSendsRequestsAndConsumesCasework() {
        assertThat(PartnerRights.permits("MASH", CASE_SYSTEM, CheckType.SEND, "mash.in.information-requests")).isTrue();
        assertThat(PartnerRights.permits("MASH", CASE_SYSTEM, CheckType.SEND, "mash.in.notifications")).isFalse();
        assertThat(PartnerRights.permits("MASH", CASE_SYSTEM, CheckType.CONSUME, "mash.out.casework")).isTrue();
        assertThat(PartnerRights.permits("MASH", CASE_SYSTEM, CheckType.BROWSE, "mash.out.casework")).isTrue();
    }

    @Test
    void agencySendsResponsesAndAcknowledgementsAndConsumesOnlyItsOwnQueue() {
        assertThat(PartnerRights.permits("HEALTH1", AGENCY, CheckType.SEND, "mash.in.information-responses")).isTrue();
        assertThat(PartnerRights.permits("HEALTH1", AGENCY, CheckType.SEND, "mash.in.acknowledgements")).isTrue();
        assertThat(PartnerRights.permits("HEALTH1", AGENCY, CheckType.CONSUME, "mash.out.agency.HEALTH1")).isTrue();
        assertThat(PartnerRights.permits("HEALTH1", AGENCY, CheckType.CONSUME, "mash.out.agency.HEALTH1::mash.out.agency.HEALTH1")).isTrue();
        assertThat(PartnerRights.permits("HEALTH1", AGENCY, CheckType.CONSUME, "mash.out.agency.PROB1")).isFalse();
        assertThat(PartnerRights.permits("HEALTH1", AGENCY, CheckType.CONSUME, "mash.out.agency.HEALTH1::spy")).isFalse();
        assertThat(PartnerRights.permits("HEALTH1", AGENCY, CheckType.CONSUME, "mash.out.casework")).isFalse();
    }

    @Test
    void noPartnerMayCreateDeleteOrManage() {
        for (CheckType type : Set.of(CheckType.CREATE_ADDRESS, CheckType.CREATE_DURABLE_QUEUE,
                CheckType.CREATE_NON_DURABLE_QUEUE, CheckType.DELETE_ADDRESS, CheckType.DELETE_DURABLE_QUEUE,
                CheckType.MANAGE)) {
            assertThat(PartnerRights.permits("HEALTH1", AGENCY, type, "mash.out.agency.HEALTH1")).isFalse();
            assertThat(PartnerRights.permits("DERBYS", FORCE, type, "mash.in.notifications")).isFalse();
        }
    }
}
