package io.clickmap.api.alerts;

import io.clickmap.api.clickhouse.Micros;
import java.time.Instant;
import java.util.List;

/**
 * What an alert's checks say of it now, derived from its current version and its latest checks (newest first), so
 * that a write and a check never overwrite each other. The state is the newest check's under the current epoch —
 * {@code Not firing} before there is one, and for a disabled alert; the last check and value are the newest of any
 * epoch (as PostHog keeps them across a change); the next check is due at the epoch's start until one was made.
 */
record AlertStatus(AlertState state, Instant lastCheckedAt, Double lastValue, Instant nextCheckAt, List<AlertCheck> checks) {

    static AlertStatus of(StoredAlert alert, List<AlertCheck> newestFirst) {
        AlertCheck current = newestFirst.stream().filter(check -> check.checkEpoch() == alert.checkEpoch()).findFirst().orElse(null);
        AlertCheck newest = newestFirst.isEmpty() ? null : newestFirst.get(0);
        boolean enabled = alert.fields().enabled();
        AlertState state = enabled && current != null ? current.state() : AlertState.NOT_FIRING;
        Instant next = !enabled ? null : current != null ? current.nextCheckAt() : Micros.instant(alert.checkEpoch());
        return new AlertStatus(state, newest == null ? null : newest.checkedAt(), newest == null ? null : newest.value(), next, newestFirst);
    }

    /** Whether a checker should check the alert at {@code now}. */
    boolean isDue(Instant now) {
        return nextCheckAt != null && !nextCheckAt.isAfter(now);
    }
}
