package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickmap.api.errors.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrendsWindowTest {
    /** A Sunday afternoon. */
    static final Instant NOW = Instant.parse("2020-01-19T15:30:00Z");

    static TrendsWindow window(String from, String to, TrendsInterval interval) {
        return TrendsDateRange.resolve(from, to, false, interval, NOW, () -> null);
    }

    @Test
    void posthogsOwnExampleByDayHasElevenBucketsBothEndsIncluded() {
        TrendsWindow window = window("2020-01-09", "2020-01-19", TrendsInterval.DAY);
        assertThat(window.labels()).containsExactly("9-Jan-2020", "10-Jan-2020", "11-Jan-2020", "12-Jan-2020", "13-Jan-2020",
                "14-Jan-2020", "15-Jan-2020", "16-Jan-2020", "17-Jan-2020", "18-Jan-2020", "19-Jan-2020");
        assertThat(window.days()).hasSize(11).startsWith("2020-01-09", "2020-01-10").endsWith("2020-01-19");
        assertThat(window.isoDays()).startsWith("2020-01-09T00:00:00Z").endsWith("2020-01-19T00:00:00Z");
        assertThat(window.from()).isEqualTo("2020-01-09T00:00:00Z");
        assertThat(window.to()).isEqualTo("2020-01-19T23:59:59Z");
    }

    @Test
    void theDefaultLastSevenDaysAreEightDayBucketsTodayIncluded() {
        TrendsWindow window = window(null, null, TrendsInterval.parse(null));
        assertThat(window.interval()).isEqualTo(TrendsInterval.DAY);
        assertThat(window.days()).containsExactly("2020-01-12", "2020-01-13", "2020-01-14", "2020-01-15", "2020-01-16",
                "2020-01-17", "2020-01-18", "2020-01-19");
        assertThat(window.from()).isEqualTo("2020-01-12T00:00:00Z");
        assertThat(window.to()).isEqualTo("2020-01-19T23:59:59Z");
    }

    @Test
    void theLast24HoursByHourAreTwentyFiveHoursUpToTheEndOfThisHour() {
        TrendsWindow window = window("-24h", null, TrendsInterval.HOUR);
        assertThat(window.from()).isEqualTo("2020-01-18T15:00:00Z");
        assertThat(window.to()).isEqualTo("2020-01-19T15:59:59Z");
        assertThat(window.days()).hasSize(25).startsWith("2020-01-18 15:00:00", "2020-01-18 16:00:00").endsWith("2020-01-19 15:00:00");
        assertThat(window.labels()).startsWith("18-Jan 15:00").contains("19-Jan 00:00").endsWith("19-Jan 15:00");
        assertThat(window.isoDays()).startsWith("2020-01-18T15:00:00Z").endsWith("2020-01-19T15:00:00Z");
    }

    @Test
    void weekBucketsStartOnSundayAndTheirLabelsShowOnlyTheDaysInTheWindow() {
        TrendsWindow window = window("2019-10-29", "2019-11-13", TrendsInterval.WEEK);
        assertThat(window.days()).containsExactly("2019-10-27", "2019-11-03", "2019-11-10");
        assertThat(window.labels()).containsExactly("29-Oct \u2013 2-Nov", "3\u20139 Nov", "10\u201313 Nov");
    }

    @Test
    void aWeekWithinOneMonthIsLabelledWithOneMonthAndAnEnDash() {
        assertThat(window("2019-10-29", "2019-10-31", TrendsInterval.WEEK).labels()).containsExactly("29\u201331 Oct");
        assertThat(window("2020-01-09", null, TrendsInterval.WEEK).labels()).containsExactly("9\u201311 Jan", "12\u201318 Jan", "19\u201319 Jan");
    }

    @Test
    void aWeekAcrossTheNewYearShowsBothMonths() {
        assertThat(window("2019-12-29", "2020-01-04", TrendsInterval.WEEK).labels()).containsExactly("29-Dec \u2013 4-Jan");
    }

    @Test
    void monthBucketsStartOnTheFirstAndAreLabelledWithMonthAndYear() {
        TrendsWindow window = window("2019-08-15", "2020-02-10", TrendsInterval.MONTH);
        assertThat(window.days()).containsExactly("2019-08-01", "2019-09-01", "2019-10-01", "2019-11-01", "2019-12-01", "2020-01-01", "2020-02-01");
        assertThat(window.labels()).containsExactly("Aug 2019", "Sep 2019", "Oct 2019", "Nov 2019", "Dec 2019", "Jan 2020", "Feb 2020");
        assertThat(window.from()).isEqualTo("2019-08-15T00:00:00Z");
    }

    @Test
    void theWeekHolding1970StartsAtTheEpochWhereClickHouseCanNameIt() {
        TrendsWindow window = window("1970-01-01", "1970-01-20", TrendsInterval.WEEK);
        assertThat(window.days()).containsExactly("1970-01-01", "1970-01-04", "1970-01-11", "1970-01-18");
        assertThat(window.labels()).containsExactly("1\u20133 Jan", "4\u201310 Jan", "11\u201317 Jan", "18\u201320 Jan");
    }

    @Test
    void tenThousandBucketsAreAnsweredAndOneMoreIsRefusedNamingIntervalAndDateRange() {
        assertThat(window("-9999d", null, TrendsInterval.DAY).buckets()).hasSize(TrendsWindow.MAX_BUCKETS);
        assertThatThrownBy(() -> window("-10000d", null, TrendsInterval.DAY))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().detail())
                        .contains("interval \"day\"", "dateRange", "10001 buckets", "at most 10000"));
    }

    @Test
    void yearsByHourAreRefusedWithoutListingTheirBuckets() {
        assertThatThrownBy(() -> window("-999999y", null, TrendsInterval.HOUR))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error().code()).isEqualTo("unsupported_query");
                    assertThat(e.error().detail()).startsWith("interval \"hour\" over dateRange 1970-01-01T00:00:00Z … 2020-01-19T15:59:59Z makes");
                });
        assertThatThrownBy(() -> TrendsDateRange.resolve("all", null, false, TrendsInterval.HOUR, NOW, () -> Instant.parse("2000-01-01T00:00:00Z")))
                .isInstanceOf(ApiException.class);
    }
}
