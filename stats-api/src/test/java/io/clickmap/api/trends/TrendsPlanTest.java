package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickmap.api.trends.TrendsPlan.Days;
import io.clickmap.api.trends.TrendsPlan.Rollup;
import io.clickmap.api.trends.TrendsPlan.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Which rollup counts a series, which parts of its window it counts and which the events do; one outcome per test, with literal times. */
class TrendsPlanTest {
    private static final Predicate<LocalDate> ALL_COVERED = day -> true;
    private static final Predicate<LocalDate> NONE_COVERED = day -> false;
    private static final Rollup ROLLUP = Rollup.CLICKS;
    /** Clicks stored before V010 (but after V009) on the first three days of June. */
    private static final Predicate<LocalDate> FROM_JUNE_4 = day -> day.isAfter(LocalDate.parse("2025-06-03"));
    private static final TrendsPlan.Needs COUNTS = new TrendsPlan.Needs(false, false);
    private static final TrendsPlan.Needs CHAINS = new TrendsPlan.Needs(true, false);
    private static final TrendsPlan.Needs CHAINS_AND_PAGE = new TrendsPlan.Needs(true, true);

    @Test
    void aSeriesWithoutElementFiltersIsCountedFromClicksDaily() {
        TrendsPlan plan = firstWeekOfJune(COUNTS, covered(ALL_COVERED, ALL_COVERED, ALL_COVERED));

        assertThat(plan).isEqualTo(new TrendsPlan(Rollup.CLICKS, List.of(days("2025-06-01", "2025-06-07")), List.of()));
    }

    @Test
    void aSeriesWithAnElementFilterAndAUrlFilterOrBreakdownIsCountedFromTheElementRollups() {
        TrendsPlan plan = firstWeekOfJune(CHAINS_AND_PAGE, covered(ALL_COVERED, ALL_COVERED, ALL_COVERED));

        assertThat(plan).isEqualTo(new TrendsPlan(Rollup.ELEMENT_CLICKS, List.of(days("2025-06-01", "2025-06-07")), List.of()));
    }

    @Test
    void aSeriesWithAnElementFilterAndNoPageIsCountedFromChainClicksDaily() {
        TrendsPlan plan = firstWeekOfJune(CHAINS, covered(NONE_COVERED, ALL_COVERED, ALL_COVERED));

        assertThat(plan).isEqualTo(new TrendsPlan(Rollup.CHAIN_CLICKS, List.of(days("2025-06-01", "2025-06-07")), List.of()));
    }

    @Test
    void aSeriesWithAnElementFilterAndNoPageIsCountedFromTheElementRollupsWhenChainClicksDailyWouldLeaveMoreDaysToTheEvents() {
        TrendsPlan plan = firstWeekOfJune(CHAINS, covered(ALL_COVERED, ALL_COVERED, FROM_JUNE_4));

        assertThat(plan).isEqualTo(new TrendsPlan(Rollup.ELEMENT_CLICKS, List.of(days("2025-06-01", "2025-06-07")), List.of()));
    }

    @Test
    void aSeriesWithAnElementFilterAndAPageIsNeverCountedFromChainClicksDaily() {
        TrendsPlan plan = firstWeekOfJune(CHAINS_AND_PAGE, covered(ALL_COVERED, FROM_JUNE_4, ALL_COVERED));

        assertThat(plan).isEqualTo(new TrendsPlan(Rollup.ELEMENT_CLICKS, List.of(days("2025-06-04", "2025-06-07")),
                List.of(times("2025-06-01T00:00:00Z", "2025-06-03T23:59:59Z"))));
    }

    @Test
    void aSeriesWithoutElementFiltersIsCountedFromTheElementRollupsWhenClicksDailyWouldLeaveMoreDaysToTheEvents() {
        TrendsPlan plan = firstWeekOfJune(COUNTS, covered(FROM_JUNE_4, ALL_COVERED, NONE_COVERED));

        assertThat(plan).isEqualTo(new TrendsPlan(Rollup.ELEMENT_CLICKS, List.of(days("2025-06-01", "2025-06-07")), List.of()));
    }

    @Test
    void aSeriesWithoutElementFiltersIsCountedFromClicksDailyWhenTheElementRollupsCoverNoMoreDays() {
        TrendsPlan plan = firstWeekOfJune(COUNTS, covered(FROM_JUNE_4, FROM_JUNE_4, NONE_COVERED));

        assertThat(plan).isEqualTo(new TrendsPlan(Rollup.CLICKS, List.of(days("2025-06-04", "2025-06-07")),
                List.of(times("2025-06-01T00:00:00Z", "2025-06-03T23:59:59Z"))));
    }

    @Test
    void aWindowNeitherRollupCoversIsCountedFromTheEventsAlone() {
        TrendsPlan plan = firstWeekOfJune(COUNTS, covered(NONE_COVERED, NONE_COVERED, NONE_COVERED));

        assertThat(plan).isEqualTo(TrendsPlan.raw(time("2025-06-01T00:00:00Z"), time("2025-06-07T23:59:59Z")));
        assertThat(plan.rollup()).isEqualTo(Rollup.NONE);
        assertThat(plan.usesRollup()).isFalse();
    }

    @Test
    void aPlanHasARollupExactlyWhenItHasRollupDays() {
        assertThatThrownBy(() -> new TrendsPlan(Rollup.NONE, List.of(days("2025-06-01", "2025-06-01")), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrendsPlan(Rollup.CLICKS, List.of(), List.of(times("2025-06-01T00:00:00Z", "2025-06-01T10:00:00Z"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wholeCoveredDaysComeFromTheRollupsAlone() {
        TrendsPlan plan = TrendsPlan.split(ROLLUP, time("2025-06-01T00:00:00Z"), time("2025-06-07T23:59:59Z"), ALL_COVERED);

        assertThat(plan.rollupDays()).containsExactly(days("2025-06-01", "2025-06-07"));
        assertThat(plan.rawTimes()).isEmpty();
        assertThat(plan.usesRollup()).isTrue();
        assertThat(plan.rollup()).isEqualTo(ROLLUP);
    }

    @Test
    void aPartialFirstDayComesFromTheEventsFromTheWindowsStartToTheEndOfThatDay() {
        TrendsPlan plan = TrendsPlan.split(ROLLUP, time("2025-06-01T10:30:00Z"), time("2025-06-03T23:59:59Z"), ALL_COVERED);

        assertThat(plan.rawTimes()).containsExactly(times("2025-06-01T10:30:00Z", "2025-06-01T23:59:59Z"));
        assertThat(plan.rollupDays()).containsExactly(days("2025-06-02", "2025-06-03"));
    }

    @Test
    void aPartialLastDayComesFromTheEventsFromTheStartOfThatDayToTheWindowsEnd() {
        TrendsPlan plan = TrendsPlan.split(ROLLUP, time("2025-06-01T00:00:00Z"), time("2025-06-03T13:15:00Z"), ALL_COVERED);

        assertThat(plan.rollupDays()).containsExactly(days("2025-06-01", "2025-06-02"));
        assertThat(plan.rawTimes()).containsExactly(times("2025-06-03T00:00:00Z", "2025-06-03T13:15:00Z"));
    }

    @Test
    void aDayIsWholeOnlyUpToItsLastSecond() {
        assertThat(TrendsPlan.split(ROLLUP, time("2025-06-03T00:00:00Z"), time("2025-06-03T23:59:59Z"), ALL_COVERED).rawTimes()).isEmpty();
        assertThat(TrendsPlan.split(ROLLUP, time("2025-06-03T00:00:00Z"), time("2025-06-03T23:59:58Z"), ALL_COVERED).rollupDays()).isEmpty();
        assertThat(TrendsPlan.split(ROLLUP, time("2025-06-03T00:00:01Z"), time("2025-06-03T23:59:59Z"), ALL_COVERED).rollupDays()).isEmpty();
    }

    @Test
    void aWindowWithinOneDayComesWhollyFromTheEvents() {
        TrendsPlan plan = TrendsPlan.split(ROLLUP, time("2025-06-03T08:00:00Z"), time("2025-06-03T09:00:00Z"), ALL_COVERED);

        assertThat(plan.rollupDays()).isEmpty();
        assertThat(plan.rawTimes()).containsExactly(times("2025-06-03T08:00:00Z", "2025-06-03T09:00:00Z"));
        assertThat(plan.usesRollup()).isFalse();
    }

    @Test
    void uncoveredDaysComeFromTheEventsAndSplitTheRollupDaysAroundThem() {
        Set<LocalDate> older = Set.of(LocalDate.parse("2025-06-03"), LocalDate.parse("2025-06-04"), LocalDate.parse("2025-06-06"));
        TrendsPlan plan = TrendsPlan.split(ROLLUP, time("2025-06-01T00:00:00Z"), time("2025-06-07T23:59:59Z"), day -> !older.contains(day));

        assertThat(plan.rollupDays()).containsExactly(days("2025-06-01", "2025-06-02"), days("2025-06-05", "2025-06-05"), days("2025-06-07", "2025-06-07"));
        assertThat(plan.rawTimes()).containsExactly(times("2025-06-03T00:00:00Z", "2025-06-04T23:59:59Z"), times("2025-06-06T00:00:00Z", "2025-06-06T23:59:59Z"));
    }

    @Test
    void anUncoveredPartialDayAndItsUncoveredNeighbourFormOneRawPart() {
        TrendsPlan plan = TrendsPlan.split(ROLLUP, time("2025-06-01T12:00:00Z"), time("2025-06-04T23:59:59Z"), day -> day.isAfter(LocalDate.parse("2025-06-02")));

        assertThat(plan.rawTimes()).containsExactly(times("2025-06-01T12:00:00Z", "2025-06-02T23:59:59Z"));
        assertThat(plan.rollupDays()).containsExactly(days("2025-06-03", "2025-06-04"));
    }

    @Test
    void aWindowTheRollupsDoNotCoverComesWhollyFromTheEvents() {
        TrendsPlan plan = TrendsPlan.split(ROLLUP, time("2025-06-01T00:00:00Z"), time("2025-06-07T23:59:59Z"), NONE_COVERED);

        assertThat(plan.rollupDays()).isEmpty();
        assertThat(plan.rawTimes()).containsExactly(times("2025-06-01T00:00:00Z", "2025-06-07T23:59:59Z"));
    }

    @Test
    void upToMaxPartsAlternationsAreKept() {
        // Even days covered, odd ones not: 32 days make 32 parts.
        TrendsPlan plan = TrendsPlan.split(ROLLUP, time("2025-01-01T00:00:00Z"), time("2025-02-01T23:59:59Z"), day -> day.getDayOfYear() % 2 == 0);

        assertThat(plan.rollupDays().size() + plan.rawTimes().size()).isEqualTo(TrendsPlan.MAX_PARTS);
        assertThat(plan.rollupDays()).hasSize(TrendsPlan.MAX_PARTS / 2);
    }

    @Test
    void moreAlternationsThanMaxPartsMakeTheWholeWindowRaw() {
        TrendsPlan plan = TrendsPlan.split(ROLLUP, time("2025-01-01T00:00:00Z"), time("2025-02-02T23:59:59Z"), day -> day.getDayOfYear() % 2 == 0);

        assertThat(plan).isEqualTo(TrendsPlan.raw(time("2025-01-01T00:00:00Z"), time("2025-02-02T23:59:59Z")));
    }

    /** The plan for a window of June's first seven days, whole. */
    private static TrendsPlan firstWeekOfJune(TrendsPlan.Needs needs, TrendsPlan.Covered covered) {
        return TrendsPlan.choose(time("2025-06-01T00:00:00Z"), time("2025-06-07T23:59:59Z"), needs, covered);
    }

    private static TrendsPlan.Covered covered(Predicate<LocalDate> clicks, Predicate<LocalDate> elementClicks, Predicate<LocalDate> chainClicks) {
        return new TrendsPlan.Covered(clicks, elementClicks, chainClicks);
    }

    private static Instant time(String text) {
        return Instant.parse(text);
    }

    private static Days days(String first, String last) {
        return new Days(LocalDate.parse(first), LocalDate.parse(last));
    }

    private static Times times(String from, String to) {
        return new Times(time(from), time(to));
    }
}
