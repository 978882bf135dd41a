package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a computed trend goes stale and when a client may ask again, one case per rule, on literal times. */
class FreshnessTest {
    private static final Instant COMPUTED = Instant.parse("2026-12-01T12:00:00Z");

    private static TrendsComputation computed(String from, String to) {
        return new TrendsComputation(List.of(), List.of(), Instant.parse(from), Instant.parse(to), false, COMPUTED);
    }

    @Test
    void aDailyTrendIsFreshForSixHours() {
        TrendsComputation today = computed("2026-11-24T00:00:00Z", "2026-12-01T23:59:59Z");

        assertThat(Freshness.isStale(today, TrendsInterval.DAY, RefreshMode.BLOCKING, COMPUTED.plus(Duration.ofHours(6)))).isFalse();
        assertThat(Freshness.isStale(today, TrendsInterval.DAY, RefreshMode.BLOCKING, COMPUTED.plus(Duration.ofHours(6)).plusSeconds(1))).isTrue();
        assertThat(Freshness.cacheTargetAge(today, TrendsInterval.DAY)).isEqualTo(COMPUTED.plus(Duration.ofHours(6)));
    }

    @Test
    void eachIntervalHasItsOwnAgeAndLazyAsyncDoublesHoursAndDays() {
        assertThat(Freshness.maxAge(TrendsInterval.HOUR, RefreshMode.BLOCKING)).isEqualTo(Duration.ofHours(1));
        assertThat(Freshness.maxAge(TrendsInterval.WEEK, RefreshMode.BLOCKING)).isEqualTo(Duration.ofDays(1));
        assertThat(Freshness.maxAge(TrendsInterval.MONTH, RefreshMode.BLOCKING)).isEqualTo(Duration.ofDays(2));
        assertThat(Freshness.maxAge(TrendsInterval.HOUR, RefreshMode.LAZY_ASYNC)).isEqualTo(Duration.ofHours(2));
        assertThat(Freshness.maxAge(TrendsInterval.DAY, RefreshMode.LAZY_ASYNC)).isEqualTo(Duration.ofHours(12));
        assertThat(Freshness.maxAge(TrendsInterval.WEEK, RefreshMode.LAZY_ASYNC)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aWindowThatEndedBeforeTheComputationNeverGoesStale() {
        TrendsComputation past = computed("2020-01-09T00:00:00Z", "2020-01-19T23:59:59Z");

        assertThat(Freshness.isStale(past, TrendsInterval.HOUR, RefreshMode.BLOCKING, COMPUTED.plus(Duration.ofDays(365)))).isFalse();
    }

    @Test
    void clientsMayAskAgainAfterThreeMinutesForShortQueriesAndFifteenForLongOnes() {
        TrendsComputation week = computed("2026-11-24T00:00:00Z", "2026-12-01T00:00:00Z");
        TrendsComputation month = computed("2026-11-01T00:00:00Z", "2026-12-01T23:59:59Z");

        assertThat(Freshness.nextAllowedClientRefresh(week, TrendsInterval.DAY)).isEqualTo(COMPUTED.plus(Duration.ofMinutes(3)));
        assertThat(Freshness.nextAllowedClientRefresh(month, TrendsInterval.DAY)).isEqualTo(COMPUTED.plus(Duration.ofMinutes(15)));
        assertThat(Freshness.nextAllowedClientRefresh(month, TrendsInterval.HOUR)).isEqualTo(COMPUTED.plus(Duration.ofMinutes(3)));
    }
}
