package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.trends.TrendsPlan.Times;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which seconds a series' numbers depend on ({@link CountedSpan}): the window, or how far a trailing window reaches back; one outcome per test. */
class TrendsCountedSpanTest {
    private static final TrendsWindow JUNE = window("2025-06-01T00:00:00Z", "2025-06-12T23:59:59Z", TrendsInterval.DAY);

    @Test
    void countsAndDailyActiveUsersDependOnTheirWindow() {
        assertThat(CountedSpan.of(TrendsMath.TOTAL, TrendsInterval.DAY, TrendsDisplay.TIME_SERIES, JUNE)).isEqualTo(times(JUNE.from(), JUNE.to()));
        assertThat(CountedSpan.of(TrendsMath.DAU, TrendsInterval.DAY, TrendsDisplay.TOTAL_VALUE, JUNE)).isEqualTo(times(JUNE.from(), JUNE.to()));
    }

    @Test
    void weeklyActiveUsersByDayReachBackSixDaysBeforeTheFirstBucket() {
        assertThat(CountedSpan.of(TrendsMath.WEEKLY_ACTIVE, TrendsInterval.DAY, TrendsDisplay.TIME_SERIES, JUNE))
                .isEqualTo(times("2025-05-26T00:00:00Z", "2025-06-12T23:59:59Z"));
    }

    @Test
    void aTrailingWindowCountsTheFirstBucketsWholeDayEvenWhenTheWindowStartsWithinIt() {
        TrendsWindow window = window("2025-06-01T10:30:00Z", "2025-06-12T13:15:00Z", TrendsInterval.DAY);

        assertThat(CountedSpan.of(TrendsMath.MONTHLY_ACTIVE, TrendsInterval.DAY, TrendsDisplay.CUMULATIVE, window))
                .isEqualTo(times("2025-05-03T00:00:00Z", "2025-06-12T13:15:00Z"));
    }

    @Test
    void aTrailingTotalCountsTheWindowEndingWithTheLastBucket() {
        TrendsWindow quarter = window("2025-04-01T00:00:00Z", "2025-06-30T23:59:59Z", TrendsInterval.DAY);

        assertThat(CountedSpan.of(TrendsMath.MONTHLY_ACTIVE, TrendsInterval.DAY, TrendsDisplay.TOTAL_VALUE, quarter))
                .isEqualTo(times("2025-06-01T00:00:00Z", "2025-06-30T23:59:59Z"));
    }

    @Test
    void aTrailingTotalLongerThanTheWindowStaysWithinIt() {
        assertThat(CountedSpan.of(TrendsMath.MONTHLY_ACTIVE, TrendsInterval.DAY, TrendsDisplay.TOTAL_VALUE, JUNE)).isEqualTo(times(JUNE.from(), JUNE.to()));
    }

    @Test
    void weeklyAndMonthlyActiveUsersByWeekOrMonthAreTheBucketsOwnDays() {
        TrendsWindow weeks = window("2025-06-01T00:00:00Z", "2025-06-28T23:59:59Z", TrendsInterval.WEEK);

        assertThat(CountedSpan.of(TrendsMath.WEEKLY_ACTIVE, TrendsInterval.WEEK, TrendsDisplay.TIME_SERIES, weeks)).isEqualTo(times(weeks.from(), weeks.to()));
        assertThat(CountedSpan.of(TrendsMath.MONTHLY_ACTIVE, TrendsInterval.MONTH, TrendsDisplay.TIME_SERIES, weeks)).isEqualTo(times(weeks.from(), weeks.to()));
    }

    @Test
    void weeklyActiveUsersByHourReachBackOneHourLessThanSevenDays() {
        TrendsWindow hours = window("2025-06-01T10:30:00Z", "2025-06-01T20:00:00Z", TrendsInterval.HOUR);

        assertThat(CountedSpan.of(TrendsMath.WEEKLY_ACTIVE, TrendsInterval.HOUR, TrendsDisplay.TIME_SERIES, hours))
                .isEqualTo(times("2025-05-25T11:00:00Z", "2025-06-01T20:00:00Z"));
    }

    private static TrendsWindow window(String from, String to, TrendsInterval interval) {
        return new TrendsWindow(Instant.parse(from), Instant.parse(to), interval);
    }

    private static Times times(String from, String to) {
        return times(Instant.parse(from), Instant.parse(to));
    }

    private static Times times(Instant from, Instant to) {
        return new Times(from, to);
    }
}
