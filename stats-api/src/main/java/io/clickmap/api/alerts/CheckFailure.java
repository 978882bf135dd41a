package io.clickmap.api.alerts;

import io.clickmap.api.alerts.AlertEvaluation.Unevaluable;
import io.clickmap.api.clickhouse.ClickHouseFailure;
import io.clickmap.api.errors.ApiException;
import io.micronaut.http.HttpStatus;

/**
 * What a failed check means for its alert, decided once: a failure of the alert itself (its insight, its query,
 * its trend) makes it {@code Errored}; a failure of the moment — ClickHouse unreachable or overloaded, or the
 * environment's trends computations all busy — leaves it as it was and due, to be checked on the next round.
 */
enum CheckFailure {
    ERRORED, RETRY;

    static CheckFailure of(RuntimeException failure) {
        if (failure instanceof Unevaluable) {
            return ERRORED;
        }
        if (failure instanceof ApiException api) {
            return api.status() == HttpStatus.TOO_MANY_REQUESTS || api.status() == HttpStatus.SERVICE_UNAVAILABLE ? RETRY : ERRORED;
        }
        return ClickHouseFailure.isUnavailable(failure) ? RETRY : ERRORED;
    }

    /** The message an {@code Errored} check keeps. */
    static String message(RuntimeException failure) {
        if (failure instanceof ApiException api) {
            return api.error().detail();
        }
        return failure instanceof Unevaluable ? failure.getMessage() : "The check failed: " + failure;
    }
}
