package io.clickmap.api.alerts;

import java.time.Instant;

/**
 * One version of an alert, as stored: its fields after a write, who created it and who wrote this version. The
 * version is the write's time in microseconds; {@code checkEpoch} is the version at which what a check depends on last
 * changed — checks made under an older epoch no longer decide the alert's state.
 */
record StoredAlert(
        String id,
        AlertFields fields,
        Instant createdAt,
        long createdBy,
        long version,
        long checkEpoch,
        boolean deleted,
        long writtenBy) {
}
