package io.clickmap.api.alerts;

import java.time.Instant;

/**
 * One check of an alert, as stored: when it ran, under which epoch of the alert ({@link StoredAlert#checkEpoch}),
 * the state it found, the value it held against the threshold (null when none, or when infinite: a rise from 0),
 * why it fired or failed ({@code reason}: the broken bound, or the failure; empty otherwise), when the next check is due, and the insight's interval then.
 */
record AlertCheck(
        String alertId,
        Instant checkedAt,
        long checkEpoch,
        AlertState state,
        Double value,
        String reason,
        Instant nextCheckAt,
        String interval) {
}
