package io.clickmap.api.clickhouse;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Row versions for ReplacingMergeTree tables: microseconds since the epoch, strictly increasing within this
 * process, so a later write of the same key always wins over an earlier one.
 */
public final class Versions {
    private static final AtomicLong LAST = new AtomicLong();

    private Versions() {
    }

    public static long next() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return LAST.updateAndGet(last -> Math.max(last + 1, micros));
    }
}
