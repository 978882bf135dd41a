package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickmap.api.errors.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrendsIntervalTest {
    @Test
    void intervalsAreReadFromPosthogsNamesAndDayIsTheDefault() {
        assertThat(TrendsInterval.parse("hour")).isEqualTo(TrendsInterval.HOUR);
        assertThat(TrendsInterval.parse("day")).isEqualTo(TrendsInterval.DAY);
        assertThat(TrendsInterval.parse("week")).isEqualTo(TrendsInterval.WEEK);
        assertThat(TrendsInterval.parse("month")).isEqualTo(TrendsInterval.MONTH);
        assertThat(TrendsInterval.parse(null)).isEqualTo(TrendsInterval.DAY);
    }

    @Test
    void anUnknownIntervalIsRefusedListingTheKnownOnes() {
        for (String bad : new String[] {"minute", "Day", ""}) {
            assertThatThrownBy(() -> TrendsInterval.parse(bad)).as(bad).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.error().code()).isEqualTo("unsupported_query");
                assertThat(e.error().attr()).isEqualTo("query");
                assertThat(e.error().detail()).isEqualTo("interval must be one of hour, day, week, month; got \"" + bad + "\"");
            });
        }
    }

    @Test
    void aSaturdayBelongsToTheWeekOfTheSundayBeforeAndASundayStartsItsOwn() {
        assertThat(TrendsInterval.WEEK.bucketStart(Instant.parse("2020-01-18T23:59:59Z"))).isEqualTo("2020-01-12T00:00:00Z");
        assertThat(TrendsInterval.WEEK.bucketStart(Instant.parse("2020-01-19T00:00:00Z"))).isEqualTo("2020-01-19T00:00:00Z");
        assertThat(TrendsInterval.WEEK.next(Instant.parse("2020-01-15T08:00:00Z"))).isEqualTo("2020-01-19T00:00:00Z");
    }

    @Test
    void monthsFollowTheCalendarThroughLeapYears() {
        assertThat(TrendsInterval.MONTH.bucketStart(Instant.parse("2020-02-29T12:00:00Z"))).isEqualTo("2020-02-01T00:00:00Z");
        assertThat(TrendsInterval.MONTH.next(Instant.parse("2020-01-31T12:00:00Z"))).isEqualTo("2020-02-01T00:00:00Z");
        assertThat(TrendsInterval.MONTH.next(Instant.parse("2020-02-29T12:00:00Z"))).isEqualTo("2020-03-01T00:00:00Z");
    }

    @Test
    void labelsUseEnglishMonthNamesAndNoLeadingZeroOnTheDay() {
        Instant september = Instant.parse("2020-09-05T07:00:00Z");
        TrendsWindow window = TrendsDateRange.resolve("2020-09-01", "2020-09-30", false, TrendsInterval.DAY, september, () -> null);
        assertThat(TrendsInterval.DAY.label(september, window)).isEqualTo("5-Sep-2020");
        assertThat(TrendsInterval.HOUR.label(september, window)).isEqualTo("5-Sep 07:00");
        assertThat(TrendsInterval.MONTH.label(september, window)).isEqualTo("Sep 2020");
        assertThat(TrendsInterval.HOUR.day(september)).isEqualTo("2020-09-05 07:00:00");
        assertThat(TrendsInterval.WEEK.day(september)).isEqualTo("2020-09-05");
    }
}
