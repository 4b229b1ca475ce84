package org.mashgateway.policy;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.mashgateway.scheduling.Poller;
import org.mashgateway.scheduling.Pollers;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link SharingPolicy} current while the gateway runs: polls its file every
 * {@code mash.policy.reload-interval} (poller {@code policy-reload}) when it is a file on disk. A
 * poll that fails is counted and the next one happens as planned.
 */
@Component
class PolicyWatch {

    private final SharingPolicy policy;
    private final Pollers pollers;
    private Poller reload;

    PolicyWatch(SharingPolicy policy, Pollers pollers) {
        this.policy = policy;
        this.pollers = pollers;
    }

    @PostConstruct
    void start() {
        if (policy.watchable()) {
            reload = pollers.start("policy-reload", policy.reloadInterval(), policy.reloadInterval(), policy::poll);
        }
    }

    @PreDestroy
    void stop() {
        if (reload != null) {
            reload.stop();
        }
    }
}
