package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickmap.api.errors.ApiError;
import io.clickmap.api.errors.ApiException;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TrendsDateRangeTest {
    /** A Sunday afternoon. */
    private static final Instant NOW = Instant.parse("2020-01-19T15:30:00Z");
    private static final Supplier<Instant> NO_EVENTS = () -> null;

    private static String range(String from, String to, TrendsInterval interval) {
        TrendsWindow window = TrendsDateRange.resolve(from, to, false, interval, NOW, NO_EVENTS);
        return window.from() + " " + window.to();
    }

    private static String explicit(String from, String to, TrendsInterval interval) {
        TrendsWindow window = TrendsDateRange.resolve(from, to, true, interval, NOW, NO_EVENTS);
        return window.from() + " " + window.to();
    }

    private static ApiError refusal(String from, String to) {
        try {
            TrendsDateRange.resolve(from, to, false, TrendsInterval.DAY, NOW, NO_EVENTS);
        } catch (ApiException e) {
            assertThat(e.status().getCode()).isEqualTo(400);
            return e.error();
        }
        throw new AssertionError("accepted " + from + " … " + to);
    }

    @Test
    void relativeDatesCountBackFromNowAndDateFromSnapsToItsDayOrHour() {
        assertThat(range("-7d", null, TrendsInterval.DAY)).isEqualTo("2020-01-12T00:00:00Z 2020-01-19T23:59:59Z");
        assertThat(range("-0d", null, TrendsInterval.DAY)).isEqualTo("2020-01-19T00:00:00Z 2020-01-19T23:59:59Z");
        assertThat(range("-2w", "-1d", TrendsInterval.DAY)).isEqualTo("2020-01-05T00:00:00Z 2020-01-18T23:59:59Z");
        assertThat(range("-1m", null, TrendsInterval.DAY)).isEqualTo("2019-12-19T00:00:00Z 2020-01-19T23:59:59Z");
        assertThat(range("-1q", null, TrendsInterval.DAY)).isEqualTo("2019-10-19T00:00:00Z 2020-01-19T23:59:59Z");
        assertThat(range("-1y", null, TrendsInterval.MONTH)).isEqualTo("2019-01-19T00:00:00Z 2020-01-19T23:59:59Z");
        assertThat(range("-3h", "-1h", TrendsInterval.HOUR)).isEqualTo("2020-01-19T12:00:00Z 2020-01-19T14:59:59Z");
    }

    @Test
    void startAndEndNameTheEdgesOfTheirPeriod() {
        assertThat(range("-1mStart", "-1mEnd", TrendsInterval.DAY)).isEqualTo("2019-12-01T00:00:00Z 2019-12-31T23:59:59Z");
        assertThat(range("dStart", null, TrendsInterval.DAY)).isEqualTo("2020-01-19T00:00:00Z 2020-01-19T23:59:59Z");
        assertThat(range("mStart", null, TrendsInterval.DAY)).isEqualTo("2020-01-01T00:00:00Z 2020-01-19T23:59:59Z");
        assertThat(range("yStart", null, TrendsInterval.DAY)).isEqualTo("2020-01-01T00:00:00Z 2020-01-19T23:59:59Z");
        assertThat(range("-1qStart", "-1qEnd", TrendsInterval.DAY)).isEqualTo("2019-10-01T00:00:00Z 2019-12-31T23:59:59Z");
        assertThat(range("-1wStart", "-1wEnd", TrendsInterval.DAY)).isEqualTo("2020-01-12T00:00:00Z 2020-01-18T23:59:59Z");
        assertThat(range("-1yStart", "-1yEnd", TrendsInterval.MONTH)).isEqualTo("2019-01-01T00:00:00Z 2019-12-31T23:59:59Z");
        assertThat(range("hStart", null, TrendsInterval.HOUR)).isEqualTo("2020-01-19T15:00:00Z 2020-01-19T15:59:59Z");
    }

    @Test
    void lastMonthByMonthIsOneBucketAndByDayEveryDayOfIt() {
        assertThat(TrendsDateRange.resolve("-1mStart", "-1mEnd", false, TrendsInterval.MONTH, NOW, NO_EVENTS).labels()).containsExactly("Dec 2019");
        assertThat(TrendsDateRange.resolve("-1mStart", "-1mEnd", false, TrendsInterval.DAY, NOW, NO_EVENTS).labels())
                .hasSize(31).startsWith("1-Dec-2019").endsWith("31-Dec-2019");
    }

    @Test
    void absoluteDatesAndTimesInEveryAcceptedShape() {
        assertThat(range("2020-01-09", "2020-01-10", TrendsInterval.DAY)).isEqualTo("2020-01-09T00:00:00Z 2020-01-10T23:59:59Z");
        assertThat(explicit("2020-01-09 12:00:00", "2020-01-09T13:30:00+01:00", TrendsInterval.HOUR))
                .isEqualTo("2020-01-09T12:00:00Z 2020-01-09T12:30:00Z");
        assertThat(explicit("2020-01-09T12:00:00.999Z", "2020-01-09T14:00:00+0100", TrendsInterval.HOUR))
                .isEqualTo("2020-01-09T12:00:00Z 2020-01-09T13:00:00Z");
        assertThat(explicit("2020-01-09T12:00", "2020-01-10", TrendsInterval.DAY)).isEqualTo("2020-01-09T12:00:00Z 2020-01-10T23:59:59Z");
    }

    @Test
    void withoutExplicitDateTheWindowCoversWholeDaysOrWholeHours() {
        assertThat(range("2020-01-09T12:30:00Z", "2020-01-10T08:15:00Z", TrendsInterval.DAY)).isEqualTo("2020-01-09T00:00:00Z 2020-01-10T23:59:59Z");
        assertThat(range("2020-01-09T12:30:00Z", "2020-01-10T08:15:00Z", TrendsInterval.HOUR)).isEqualTo("2020-01-09T12:00:00Z 2020-01-10T08:59:59Z");
    }

    @Test
    void withExplicitDateBothBoundsAreUsedAsGiven() {
        assertThat(explicit("2020-01-09T12:30:00Z", "2020-01-10T08:15:00Z", TrendsInterval.DAY)).isEqualTo("2020-01-09T12:30:00Z 2020-01-10T08:15:00Z");
        TrendsWindow byHour = TrendsDateRange.resolve("2020-01-09T12:30:00Z", "2020-01-10T08:15:00Z", true, TrendsInterval.HOUR, NOW, NO_EVENTS);
        assertThat(byHour.days()).hasSize(21).startsWith("2020-01-09 12:00:00").endsWith("2020-01-10 08:00:00");
        assertThat(explicit("-24h", null, TrendsInterval.HOUR)).isEqualTo("2020-01-18T15:00:00Z 2020-01-19T15:30:00Z");
    }

    @Test
    void allStartsOnTheDayOfTheFirstEventOrOnDateTosDayWithoutEvents() {
        Instant first = Instant.parse("2019-12-25T10:11:12Z");
        TrendsWindow window = TrendsDateRange.resolve("all", null, false, TrendsInterval.DAY, NOW, () -> first);
        assertThat(window.from()).isEqualTo("2019-12-25T00:00:00Z");
        assertThat(window.labels()).hasSize(26).startsWith("25-Dec-2019");
        assertThat(range("all", null, TrendsInterval.DAY)).isEqualTo("2020-01-19T00:00:00Z 2020-01-19T23:59:59Z");
        assertThat(range("all", "2020-01-10", TrendsInterval.DAY)).isEqualTo("2020-01-10T00:00:00Z 2020-01-10T23:59:59Z");
    }

    @Test
    void theFirstEventIsAskedForOnlyWhenDateFromIsAll() {
        Supplier<Instant> unexpected = () -> {
            throw new AssertionError("asked for the first event");
        };
        assertThat(TrendsDateRange.resolve("-7d", null, false, TrendsInterval.DAY, NOW, unexpected).buckets()).hasSize(8);
    }

    @Test
    void datesBeyondWhatClickHouseStoresAreClamped() {
        assertThat(range("1900-01-01", "1971-01-01", TrendsInterval.MONTH)).isEqualTo("1970-01-01T00:00:00Z 1971-01-01T23:59:59Z");
        assertThat(range("2105-12-30", "2200-01-01", TrendsInterval.DAY)).isEqualTo("2105-12-30T00:00:00Z 2105-12-31T23:59:59Z");
        assertThat(range("2200-01-01", "+999999999-12-31", TrendsInterval.DAY)).isEqualTo("2105-12-31T00:00:00Z 2105-12-31T23:59:59Z");
        assertThat(range("-999999y", "1900-01-01", TrendsInterval.DAY)).isEqualTo("1970-01-01T00:00:00Z 1970-01-01T00:00:00Z");
    }

    @Test
    void aBadDateFromIsRefusedNamingTheFieldAndItsForms() {
        for (String bad : new String[] {"bogus", "7d", "-7", "-7D", "d", "-1234567d", "2020-13-01", "2020-02-30", "2020-01-09T25:00:00Z", ""}) {
            ApiError error = refusal(bad, null);
            assertThat(error.type()).as(bad).isEqualTo("validation_error");
            assertThat(error.code()).as(bad).isEqualTo("unsupported_query");
            assertThat(error.attr()).as(bad).isEqualTo("query");
            assertThat(error.detail()).as(bad).isEqualTo("dateRange.date_from must be a date (2020-01-09), a date and time (2020-01-09T12:00:00Z), "
                    + "or relative (-7d, -24h, -2w, -1m, -1q, -1y, dStart, -1mStart, -1mEnd, all); got \"" + bad + "\"");
        }
    }

    @Test
    void aBadDateToIsRefusedNamingTheField() {
        for (String bad : new String[] {"bogus", "all", "2020-01-32"}) {
            assertThat(refusal("-7d", bad).detail()).as(bad).startsWith("dateRange.date_to must be a date").endsWith("got \"" + bad + "\"");
        }
    }

    @Test
    void aHostileValueIsNotEchoedWhole() {
        assertThat(refusal("x".repeat(10_000), null).detail()).endsWith("got \"" + "x".repeat(40) + "…\"");
    }

    @Test
    void aDateToBeforeDateFromIsRefusedNamingBoth() {
        assertThat(refusal("2020-01-10", "2020-01-09").detail())
                .isEqualTo("dateRange.date_to (2020-01-09T23:59:59Z) must not be before dateRange.date_from (2020-01-10T00:00:00Z)");
    }
}
