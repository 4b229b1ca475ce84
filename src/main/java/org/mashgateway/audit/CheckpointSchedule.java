package org.mashgateway.audit;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.mashgateway.scheduling.Poller;
import org.mashgateway.scheduling.Pollers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes a checkpoint of the decision record every {@code mash.audit.checkpoint.interval} (first
 * once the gateway is up), when the chain head has moved since the latest one. A failing run (the
 * directory not writable, the database down) is logged and counted by {@link Pollers} and the next
 * one happens as planned.
 */
@Component
class CheckpointSchedule {

    static final String POLLER = "audit-checkpoint";

    private final Pollers pollers;
    private final ChainCheck chainCheck;
    private final Duration interval;
    private Poller poller;

    CheckpointSchedule(Pollers pollers, ChainCheck chainCheck,
            @Value("${mash.audit.checkpoint.interval}") Duration interval) {
        this.pollers = pollers;
        this.chainCheck = chainCheck;
        this.interval = interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        poller = pollers.start(POLLER, Duration.ZERO, interval, () -> chainCheck.checkpoint(true));
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.stop();
        }
    }
}
