package io.clickmap.api.trends;

import java.util.Map;
import java.util.TreeSet;

/**
 * {@code trendsFilter.display}: how the items are shaped. Time series give one value per bucket; cumulative
 * ones a running total; total-value ones a single {@code aggregated_value} per item over the whole window.
 */
enum TrendsDisplay {
    TIME_SERIES, CUMULATIVE, TOTAL_VALUE;

    static final String DEFAULT = "ActionsLineGraph";
    private static final Map<String, TrendsDisplay> BY_NAME = Map.ofEntries(
            Map.entry("ActionsLineGraph", TIME_SERIES), Map.entry("ActionsBar", TIME_SERIES), Map.entry("ActionsAreaGraph", TIME_SERIES),
            Map.entry("ActionsStackedBar", TIME_SERIES), Map.entry("ActionsUnstackedBar", TIME_SERIES),
            Map.entry("ActionsLineGraphCumulative", CUMULATIVE),
            Map.entry("BoldNumber", TOTAL_VALUE), Map.entry("ActionsPie", TOTAL_VALUE), Map.entry("ActionsBarValue", TOTAL_VALUE),
            Map.entry("ActionsTable", TOTAL_VALUE), Map.entry("WorldMap", TOTAL_VALUE));
    static final String NAMES = String.join(", ", new TreeSet<>(BY_NAME.keySet()));

    static TrendsDisplay named(String name) {
        return BY_NAME.get(name);
    }
}
