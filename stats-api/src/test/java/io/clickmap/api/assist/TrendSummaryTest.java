package io.clickmap.api.assist;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.trends.TrendsItem;
import io.clickmap.api.trends.TrendsOutline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** analyze's text of a trend: hand-made result items in, the literal summary out. */
class TrendSummaryTest {
    private static final List<String> JANUARY = List.of("9-Jan-2020", "10-Jan-2020", "11-Jan-2020", "12-Jan-2020", "13-Jan-2020", "14-Jan-2020",
            "15-Jan-2020", "16-Jan-2020", "17-Jan-2020", "18-Jan-2020", "19-Jan-2020");
    private static final List<String> WEEK = JANUARY.subList(0, 7);

    /** An item as the engine shapes it: its data, labels, count and the parts of the filter the summary reads. */
    private static TrendsItem item(String label, List<String> labels, String math, String breakdownValue, String compareLabel, int order,
                                   Map<String, Object> filter, Number... data) {
        List<Number> values = Arrays.asList(data);
        double count = values.stream().mapToDouble(Number::doubleValue).sum();
        TrendsItem.Action action = new TrendsItem.Action("$rageclick", "events", order, "$rageclick", null, math, null, null, null, Map.of(), List.of());
        return new TrendsItem(values, labels, labels, count, null, label, filter, action, breakdownValue, compareLabel == null ? null : true,
                compareLabel, order);
    }

    private static TrendsItem daily(String label, Number... data) {
        return item(label, JANUARY.subList(0, data.length), "total", null, null, 0, Map.of("interval", "day"), data);
    }

    @Test
    void oneSeriesGetsItsTotalItsLastDayAgainstTheOneBeforeAndItsPeak() {
        String text = TrendSummary.of(List.of(daily("$rageclick", 1, 0, 1, 3, 1, 0, 2, 0, 1, 0, 1)));

        assertThat(text).isEqualTo("$rageclick: 10 in total, 9-Jan-2020 to 19-Jan-2020. The last day (19-Jan-2020) against the one before: "
                + "up from 0 to 1. Peak: 3 on 12-Jan-2020.");
    }

    @Test
    void aComparedTrendSaysHowTheWholePeriodChanged() {
        Map<String, Object> filter = Map.of("interval", "day", "compare", true);
        String text = TrendSummary.of(List.of(item("$rageclick", WEEK, "total", null, "current", 0, filter, 1, 2, 3, 1, 1, 1, 1),
                item("$rageclick", WEEK, "total", null, "previous", 0, filter, 0, 1, 1, 0, 1, 0, 1)));

        assertThat(text).isEqualTo("$rageclick: 10 in total, 9-Jan-2020 to 15-Jan-2020. Against the previous period: up 150% from 4 to 10. "
                + "Peak: 3 on 11-Jan-2020.");
    }

    @Test
    void aBreakdownNamesTheValueThatMovedMostAgainstThePreviousPeriod() {
        Map<String, Object> filter = Map.of("interval", "day", "compare", true);
        List<TrendsItem> items = List.of(
                item("/checkout", WEEK, "total", "/checkout", "current", 0, filter, 5, 5, 5, 5, 5, 5, 0),
                item("/home", WEEK, "total", "/home", "current", 0, filter, 0, 0, 0, 9, 0, 0, 1),
                item("/checkout", WEEK, "total", "/checkout", "previous", 0, filter, 6, 6, 6, 6, 6, 6, 0),
                item("/home", WEEK, "total", "/home", "previous", 0, filter, 1, 0, 0, 0, 0, 0, 0));

        assertThat(TrendSummary.of(items)).isEqualTo("Totals, 9-Jan-2020 to 15-Jan-2020: /checkout 30 and /home 10. Against the previous period: "
                + "up 8% from 37 to 40. Peak: 9 on 12-Jan-2020 (/home). Moved most: the breakdown value /home, up 900% from 1 to 10 against "
                + "the previous period.");
    }

    @Test
    void withoutAComparisonTheSeriesThatMovedMostIsTheOneWhoseLastDayChangedMost() {
        List<TrendsItem> items = List.of(daily("$autocapture", 10, 12, 8), daily("$rageclick", 1, 2, 9));

        assertThat(TrendSummary.of(items)).isEqualTo("Totals, 9-Jan-2020 to 11-Jan-2020: $autocapture 30 and $rageclick 12. The last day "
                + "(11-Jan-2020) against the one before: up 21% from 14 to 17. Peak: 12 on 10-Jan-2020 ($autocapture). Moved most: the series "
                + "$rageclick, up 350% from 2 to 9 on the last day.");
    }

    @Test
    void distinctCountsAreSummedOverBucketsAndNeverAddedAcrossSeries() {
        Map<String, Object> weekly = Map.of("interval", "week");
        List<TrendsItem> items = List.of(item("users", WEEK.subList(0, 2), "dau", null, null, 0, weekly, 4, 6),
                item("sessions", WEEK.subList(0, 2), "unique_session", null, null, 1, weekly, 5, 5));

        assertThat(TrendSummary.of(items.subList(0, 1))).startsWith("users: 10 summed over the weeks, 9-Jan-2020 to 10-Jan-2020. ");
        assertThat(TrendSummary.of(items)).isEqualTo("Totals, 9-Jan-2020 to 10-Jan-2020: users 10 and sessions 10. Peak: 6 on 10-Jan-2020 "
                + "(users). Moved most: the series users, up 50% from 4 to 6 on the last week.");
    }

    @Test
    void aRunningTotalIsReadAsItsDailyValues() {
        Map<String, Object> cumulative = Map.of("interval", "day", "display", "ActionsLineGraphCumulative");

        String text = TrendSummary.of(List.of(item("$rageclick", JANUARY, "total", null, null, 0, cumulative, 1, 1, 2, 5, 6, 6, 8, 8, 9, 9, 10)));

        assertThat(text).isEqualTo("$rageclick: 10 in total, 9-Jan-2020 to 19-Jan-2020. The last day (19-Jan-2020) against the one before: "
                + "up from 0 to 1. Peak: 3 on 12-Jan-2020.");
    }

    @Test
    void totalValuesHaveNoBucketsSoNoPeak() {
        TrendsItem.Action action = new TrendsItem.Action("$dead_click", "events", 0, "$dead_click", null, "total", null, null, null, Map.of(), List.of());
        List<TrendsItem> items = new ArrayList<>();
        items.add(new TrendsItem(List.of(), List.of(), List.of(), 0, 1234.5, "Chrome", Map.of("display", "BoldNumber"), action, "Chrome", null, null, 0));
        items.add(new TrendsItem(List.of(), List.of(), List.of(), 0, 7, TrendsOutline.OTHER_VALUE, Map.of(), action, TrendsOutline.OTHER_VALUE,
                null, null, 0));
        items.add(new TrendsItem(List.of(), List.of(), List.of(), 0, 3, TrendsOutline.NO_VALUE, Map.of(), action, TrendsOutline.NO_VALUE, null, null, 0));

        assertThat(TrendSummary.of(items)).isEqualTo("Totals, over the whole range: Chrome 1,234.5, other values 7 and no value 3.");
    }

    @Test
    void anEmptyTrendSaysNothingMatchedAndNothingChangesNothingMoved() {
        assertThat(TrendSummary.of(List.of())).isEqualTo("No click events matched the query in its window.");
        assertThat(TrendSummary.of(List.of(daily("$rageclick", 0, 0, 0)))).isEqualTo("$rageclick: 0 in total, 9-Jan-2020 to 11-Jan-2020. "
                + "The last day (11-Jan-2020) against the one before: unchanged at 0.");
    }

    @Test
    void moreThanFiveItemsAreCountedNotListed() {
        List<TrendsItem> items = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            items.add(item("/p" + i, WEEK.subList(0, 1), "total", "/p" + i, null, 0, Map.of("interval", "day"), 7 - i));
        }

        assertThat(TrendSummary.of(items)).isEqualTo("Totals, 9-Jan-2020 to 9-Jan-2020: /p0 7, /p1 6, /p2 5, /p3 4, /p4 3 and 2 more. "
                + "Peak: 7 on 9-Jan-2020 (/p0).");
    }
}
