package org.mashgateway.directory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mashgateway.alert.AlertKind;
import org.mashgateway.alert.Alerts;

/** Alerts kept in memory so a test can read what was raised. */
final class RecordedAlerts implements Alerts {

    record Raised(AlertKind kind, String reasonCode, String context) {}

    private final List<Raised> raised = new CopyOnWriteArrayList<>();

    @Override
    public void raise(AlertKind kind, String reasonCode, String context) {
        raised.add(new Raised(kind, reasonCode, context));
    }

    List<Raised> all() {
        return List.copyOf(raised);
    }

    List<Raised> withCode(String reasonCode) {
        return raised.stream().filter(r -> r.reasonCode().equals(reasonCode)).toList();
    }
}
