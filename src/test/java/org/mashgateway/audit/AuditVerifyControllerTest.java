package org.mashgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.protection.GatewayStatements;
import org.mashgateway.reference.GatewayReferences;
import org.mashgateway.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@JdbcTest
@Tag("database")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(classes = AuditSlice.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class AuditVerifyControllerTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.fresh(registry, "audit-verify-rest");
    }

    @Autowired
    DecisionLog decisionLog;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path checkpointDirectory;

    private final List<String> alerts = new ArrayList<>();
    private MockMvc mvc;

    @BeforeEach
    void setUp() throws Exception {
        AuditSlice.reset(jdbc);
        Checkpoints noneYet = new Checkpoints(checkpointDirectory, gatewayKey(), Clock.systemUTC(), event -> {});
        mvc = MockMvcBuilders.standaloneSetup(new AuditVerifyController(new ChainCheck(decisionLog, noneYet,
                (kind, reasonCode, context) -> alerts.add(kind + " " + reasonCode + " " + context)))).build();
        GatewayReferences references = new GatewayReferences();
        for (int i = 0; i < 3; i++) {
            decisionLog.append(Decision.of(DecisionKind.DELIVERED).recipient("SC-01").gatewayReference(references.next()).build());
        }
    }

    @Test
    void anIntactChainAnswersOkWithTheCountAndRaisesNoAlert() throws Exception {
        mvc.perform(get("/admin/api/audit/verify"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/json"))
                .andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.recordsChecked").value(3))
                .andExpect(jsonPath("$.firstBrokenRecordId").doesNotExist())
                .andExpect(jsonPath("$.lastRecordId").value(3));

        assertThat(alerts).isEmpty();
    }

    @Test
    void aBrokenChainAnswersTheFirstBrokenRecordAndRaisesASecurityAlert() throws Exception {
        jdbc.update("UPDATE decision_record SET recipient = 'SC-02' WHERE record_id = 2");

        mvc.perform(get("/admin/api/audit/verify"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(false))
                .andExpect(jsonPath("$.recordsChecked").value(1))
                .andExpect(jsonPath("$.firstBrokenRecordId").value(2))
                .andExpect(jsonPath("$.problem").value("HASH_MISMATCH"));

        assertThat(alerts).containsExactly(AlertKind.SECURITY + " AUDIT_CHAIN_BROKEN record 2: HASH_MISMATCH");
    }

    static GatewayStatements gatewayKey() throws Exception {
        return GatewayStatements.fromKeyStore(new FileSystemResource("certs-example/gateway.p12"), "changeit", "gateway");
    }
}
