package org.mashgateway.intake;

import java.util.List;
import org.mashgateway.directory.Caller;
import org.mashgateway.xml.DocumentType;
import org.springframework.stereotype.Component;

/**
 * The step of the HTTPS intake routes ({@code routes/https-intake.camel.yaml}): one POSTed document,
 * already bounded and authenticated by the controller, handed to the intake of its type, exactly as
 * the queue routes hand theirs. What it returns (accepted, or refused with its reason codes) is the
 * exchange's result, which the controller answers with.
 */
@Component("httpsIntake")
class HttpsIntake {

    private final NotificationIntake notifications;
    private final InformationRequestIntake informationRequests;
    private final List<PartnerDocumentIntake> partnerIntakes;

    HttpsIntake(NotificationIntake notifications, InformationRequestIntake informationRequests,
            List<PartnerDocumentIntake> partnerIntakes) {
        this.notifications = notifications;
        this.informationRequests = informationRequests;
        this.partnerIntakes = List.copyOf(partnerIntakes);
    }

    public IntakeOutcome notification(Posted posted) {
        return notifications.receive(posted.caller(), posted.body(), IngressChannel.HTTPS);
    }

    public IntakeOutcome informationRequest(Posted posted) {
        return informationRequests.receive(posted.caller(), posted.body(), IngressChannel.HTTPS);
    }

    public IntakeOutcome informationResponse(Posted posted) {
        return partner(DocumentType.INFORMATION_RESPONSE, posted);
    }

    public IntakeOutcome acknowledgement(Posted posted) {
        return partner(DocumentType.ACKNOWLEDGEMENT, posted);
    }

    private IntakeOutcome partner(DocumentType type, Posted posted) {
        return PartnerDocumentIntake.taking(partnerIntakes, type).receive(posted.caller(), posted.body(), IngressChannel.HTTPS);
    }

    /** One document POSTed over mutual TLS: who sent it (the authenticated caller) and its bytes. */
    record Posted(Caller caller, byte[] body) {}
}
