package io.clickmap.api.alerts;

import java.time.Instant;

/**
 * An alert's threshold, PostHog's Threshold object: its own id and creation time, a name (may be empty) and its
 * configuration. Stored with the alert it belongs to; the insight's thresholds are those of its alerts.
 */
record Threshold(String id, String name, Instant createdAt, ThresholdConfiguration configuration) {
    Threshold with(String newName, ThresholdConfiguration newConfiguration) {
        return new Threshold(id, newName, createdAt, newConfiguration);
    }
}
