package org.mashgateway.policy;

import org.springframework.stereotype.Component;

/**
 * Keeps the {@link SharingPolicy} current while the gateway runs: the route {@code policy-reload}
 * ({@code routes/scheduled.camel.yaml}) reloads its file every {@code mash.policy.reload-interval}
 * when it has changed, if it is a file on disk (a policy inside the jar cannot change). A run that
 * fails is counted and the next one happens.
 */
@Component
class PolicyWatch {

    private final SharingPolicy policy;

    PolicyWatch(SharingPolicy policy) {
        this.policy = policy;
    }

    public void reload() {
        if (policy.watchable()) {
            policy.poll();
        }
    }
}
