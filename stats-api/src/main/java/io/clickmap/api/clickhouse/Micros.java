package io.clickmap.api.clickhouse;

import java.time.Instant;

/** Instants as Clickmap's own tables keep them: microseconds since the epoch (18.16's DateTime has no fraction). */
public final class Micros {
    private Micros() {
    }

    public static long of(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
