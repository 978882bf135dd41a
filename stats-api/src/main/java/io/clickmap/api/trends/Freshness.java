package io.clickmap.api.trends;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a computed result stays fresh, by its interval: an hour's buckets change faster than a month's.
 * {@code lazy_async} accepts twice the age for hour and day intervals. A window that ended before the result
 * was computed never goes stale: no later event can land in it. Clients may ask for a recomputation 3 minutes
 * after the last one for short queries (hour interval, or at most 7 days), 15 minutes for the others.
 */
final class Freshness {
    private Freshness() {
    }

    static Duration maxAge(TrendsInterval interval, RefreshMode mode) {
        Duration age = switch (interval) {
            case HOUR -> Duration.ofHours(1);
            case DAY -> Duration.ofHours(6);
            case WEEK -> Duration.ofDays(1);
            case MONTH -> Duration.ofDays(2);
        };
        boolean lazy = mode == RefreshMode.LAZY_ASYNC && (interval == TrendsInterval.HOUR || interval == TrendsInterval.DAY);
        return lazy ? age.multipliedBy(2) : age;
    }

    static boolean isStale(TrendsComputation computed, TrendsInterval interval, RefreshMode mode, Instant now) {
        if (computed.to().isBefore(computed.computedAt())) {
            return false;
        }
        return now.isAfter(computed.computedAt().plus(maxAge(interval, mode)));
    }

    static Instant cacheTargetAge(TrendsComputation computed, TrendsInterval interval) {
        return computed.computedAt().plus(maxAge(interval, RefreshMode.BLOCKING));
    }

    static Instant nextAllowedClientRefresh(TrendsComputation computed, TrendsInterval interval) {
        boolean shortQuery = interval == TrendsInterval.HOUR || Duration.between(computed.from(), computed.to()).compareTo(Duration.ofDays(7)) <= 0;
        return computed.computedAt().plus(shortQuery ? Duration.ofMinutes(3) : Duration.ofMinutes(15));
    }
}
