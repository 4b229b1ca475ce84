package org.mashgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mashgateway.support.GatewayClient;
import org.mashgateway.support.GatewayClient.Answer;
import org.mashgateway.support.Notifications;
import org.mashgateway.support.SharedGatewayTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs accepted, refused, resent and forged notifications through the gateway, then searches
 * everything it printed for every personal value in them: any hit fails the test.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoPersonalDataInLogsTest extends SharedGatewayTest {

    private static final List<String> PERSONAL_VALUES = List.of(
            "Ottoline", "Quennell-Ashby", "1987-06-19", "Bartholomew", "Fairweather", "Persephone", "2015-10-09",
            "7 Larkspur Mews", "07700 900781");

    @LocalServerPort
    int port;

    @Test
    void no_personal_value_of_any_notification_reaches_the_logs(CapturedOutput output) {
        GatewayClient derbyshire = GatewayClient.as("police-DERBYS", port);
        Notifications notification = household();

        List<Answer> answers = List.of(
                derbyshire.postXml("/api/v1/notifications", notification.xml()),
                derbyshire.postXml("/api/v1/notifications", notification.xml()),
                derbyshire.postXml("/api/v1/notifications", household().supersedes(notification.id()).noChildren()
                        .child("Persephone", "Quennell-Ashby", "2015-10-09", "100002").xml()),
                derbyshire.postXml("/api/v1/notifications",
                        Notifications.withdrawal(Notifications.freshId("DERBYS"), notification.id())),
                derbyshire.postXml("/api/v1/notifications", notification.riskLevel("MEDIUM").xml()),
                derbyshire.postXml("/api/v1/notifications", notification.id(Notifications.freshId("DERBYS"))
                        .classification("SECRET").xml()),
                derbyshire.postXml("/api/v1/notifications", notification.classification("OFFICIAL")
                        .victim("Ottoline\n", "Quennell-Ashby", "1987-06-19").xml()),
                GatewayClient.as("police-NOTTS", port).postXml("/api/v1/notifications", household().xml()));

        assertThat(answers).extracting(Answer::status).containsExactly(202, 200, 202, 202, 409, 400, 400, 403);
        for (String value : PERSONAL_VALUES) {
            assertThat(output.getAll()).as("log output").doesNotContain(value);
            answers.forEach(answer -> assertThat(answer.body()).as("response body").doesNotContain(value));
        }
    }

    private static Notifications household() {
        return Notifications.notification().noChildren()
                .victim("Ottoline", "Quennell-Ashby", "1987-06-19")
                .perpetrator("Bartholomew", "Fairweather")
                .child("Persephone", "Quennell-Ashby", "2015-10-09", "100001")
                .address("7 Larkspur Mews")
                .victimPhone("07700 900781");
    }
}
