package io.clickmap.ingest.consume;

import java.time.Duration;

/** Exponential back-off between retries against a dependency: 100 ms doubling up to 10 s, reset by a success. */
final class Backoff {
    private static final long FIRST_MILLIS = 100;
    private static final long MAX_MILLIS = 10_000;

    private long nextMillis = FIRST_MILLIS;
    private int attempts;

    Duration next() {
        Duration delay = Duration.ofMillis(nextMillis);
        nextMillis = Math.min(nextMillis * 2, MAX_MILLIS);
        attempts++;
        return delay;
    }

    int attempts() {
        return attempts;
    }

    void reset() {
        nextMillis = FIRST_MILLIS;
        attempts = 0;
    }
}
