package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickmap.api.errors.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrendsCompareTest {
    /** A Sunday afternoon. */
    private static final Instant NOW = Instant.parse("2020-01-19T15:30:00Z");

    private static TrendsWindow window(String from, String to, TrendsInterval interval) {
        return TrendsDateRange.resolve(from, to, false, interval, NOW, () -> null);
    }

    @Test
    void thePreviousPeriodOfTheLastSevenDaysIsTheEightDaysBefore() {
        TrendsWindow previous = window("-7d", null, TrendsInterval.DAY).previous(null);
        assertThat(previous.from()).isEqualTo("2020-01-04T00:00:00Z");
        assertThat(previous.to()).isEqualTo("2020-01-11T23:59:59Z");
        assertThat(previous.labels()).containsExactly("4-Jan-2020", "5-Jan-2020", "6-Jan-2020", "7-Jan-2020", "8-Jan-2020",
                "9-Jan-2020", "10-Jan-2020", "11-Jan-2020");
        assertThat(previous.days()).startsWith("2020-01-04").endsWith("2020-01-11");
    }

    @Test
    void thePreviousPeriodByHourIsAsManyHoursJustBefore() {
        TrendsWindow current = window("-24h", null, TrendsInterval.HOUR);
        TrendsWindow previous = current.previous(null);
        assertThat(previous.from()).isEqualTo("2020-01-17T14:00:00Z");
        assertThat(previous.to()).isEqualTo("2020-01-18T14:59:59Z");
        assertThat(previous.buckets()).hasSameSizeAs(current.buckets());
        assertThat(previous.labels()).startsWith("17-Jan 14:00").endsWith("18-Jan 14:00");
    }

    @Test
    void compareToMovesTheWindowBackByThatMuchKeepingItsLength() {
        TrendsWindow previous = window("-7d", null, TrendsInterval.DAY).previous("-14d");
        assertThat(previous.from()).isEqualTo("2019-12-29T00:00:00Z");
        assertThat(previous.to()).isEqualTo("2020-01-05T23:59:59Z");
        assertThat(previous.labels()).hasSize(8).startsWith("29-Dec-2019").endsWith("5-Jan-2020");
        TrendsWindow weekBefore = window("-7d", null, TrendsInterval.DAY).previous("-1w");
        assertThat(weekBefore.from()).isEqualTo("2020-01-05T00:00:00Z");
        assertThat(weekBefore.to()).isEqualTo("2020-01-12T23:59:59Z");
    }

    @Test
    void compareToByMonthsMovesTheStartByCalendarMonths() {
        TrendsWindow previous = window("mStart", null, TrendsInterval.DAY).previous("-1m");
        assertThat(previous.from()).isEqualTo("2019-12-01T00:00:00Z");
        assertThat(previous.to()).isEqualTo("2019-12-19T23:59:59Z");
    }

    @Test
    void compareToKeepsTheLengthSoAThirtyOneDayMonthComparedWithAShorterOneReachesIntoTheNext() {
        TrendsWindow previous = window("-1mStart", "-1mEnd", TrendsInterval.MONTH).previous("-1q");
        assertThat(previous.from()).isEqualTo("2019-09-01T00:00:00Z");
        assertThat(previous.to()).isEqualTo("2019-10-01T23:59:59Z");
        assertThat(previous.labels()).containsExactly("Sep 2019", "Oct 2019");
    }

    @Test
    void weekLabelsOfThePreviousPeriodAreClippedToItsOwnWindow() {
        TrendsWindow previous = window("2019-11-03", "2019-11-13", TrendsInterval.WEEK).previous(null);
        assertThat(previous.from()).isEqualTo("2019-10-23T00:00:00Z");
        assertThat(previous.to()).isEqualTo("2019-11-02T23:59:59Z");
        assertThat(previous.labels()).containsExactly("23\u201326 Oct", "27-Oct \u2013 2-Nov");
    }

    @Test
    void aPreviousPeriodBefore1970IsClampedToTheFirstSecondClickHouseHolds() {
        TrendsWindow previous = window("1970-01-01", "1970-01-07", TrendsInterval.DAY).previous(null);
        assertThat(previous.from()).isEqualTo(Instant.EPOCH);
        assertThat(previous.to()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void aCompareToThatIsNotAPlainStepBackIsRefusedNamingTheField() {
        TrendsWindow current = window("-7d", null, TrendsInterval.DAY);
        for (String bad : new String[] {"bogus", "1w", "-1mStart", "2020-01-01", "all", ""}) {
            assertThatThrownBy(() -> current.previous(bad)).as(bad).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.error().code()).isEqualTo("unsupported_query");
                assertThat(e.error().detail()).startsWith("compareFilter.compare_to must go back by").endsWith("got \"" + bad + "\"");
            });
        }
    }
}
