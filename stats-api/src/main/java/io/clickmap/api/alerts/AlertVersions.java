package io.clickmap.api.alerts;

import java.time.Instant;

/** Versions and times as the alert tables keep them: microseconds since the epoch (18.16's DateTime has no fraction). */
final class AlertVersions {
    private AlertVersions() {
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
