package org.mashgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.GatewayTest;
import org.mashgateway.support.Notifications;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** When the store is down the gateway answers 503 with Retry-After, never 202, and recovers by itself. */
@Import(StoreOutageTest.Outage.class)
class StoreOutageTest extends GatewayTest {

    static final AtomicBoolean STORE_DOWN = new AtomicBoolean();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
    }

    @AfterEach
    void storeBack() {
        STORE_DOWN.set(false);
    }

    @Test
    void store_down_means_503_with_retry_after_and_the_same_document_is_accepted_once_it_is_back() {
        Notifications notification = Notifications.notification();
        GatewayClient derbyshire = GatewayClient.as("police-DERBYS", port);

        STORE_DOWN.set(true);
        Answer during = derbyshire.postXml("/api/v1/notifications", notification.xml());
        STORE_DOWN.set(false);
        Answer after = derbyshire.postXml("/api/v1/notifications", notification.xml());

        assertThat(during.status()).isEqualTo(503);
        assertThat(during.retryAfter()).isNotBlank();
        assertThat(during.reasonCode()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(after.status()).isEqualTo(202);
    }

    /** Makes every new database connection fail while {@link #STORE_DOWN} is set, as a dead database would. */
    @TestConfiguration
    static class Outage {
        @Bean
        static BeanPostProcessor failingConnections() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof DataSource dataSource && name.equals("dataSource")) {
                        return new DelegatingDataSource(dataSource) {
                            @Override
                            public Connection getConnection() throws SQLException {
                                if (STORE_DOWN.get()) {
                                    throw new SQLTransientConnectionException("store down (test)");
                                }
                                return super.getConnection();
                            }
                        };
                    }
                    return bean;
                }
            };
        }
    }
}
