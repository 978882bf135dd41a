package io.clickmap.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's "now", moved by the test instead of waited for: it starts at the real time and advances only when told.
 * Shared by the tests of every feature whose answers depend on time passing (sharing grace, toolbar token expiry).
 */
public final class SettableClock extends Clock {
    private volatile Instant now = Instant.now();

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service reads UTC only");
    }
}
