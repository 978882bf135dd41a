package io.clickmap.api.trends;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shapes a computation's counts into PostHog's result items: one per series and breakdown value (or per
 * formula), current window first, then the previous one when comparing; each with its labels and days, its
 * display's shape (running total, moving average, or one aggregated value) and the legacy {@code filter}.
 */
final class TrendsItems {
    private TrendsItems() {
    }

    static List<TrendsItem> of(TrendsQuery query, JsonNode source, List<TrendsWindow> windows, List<List<SeriesCounts>> counts) {
        Map<String, Object> filter = filter(query, source);
        List<TrendsItem> items = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            TrendsWindow window = windows.get(w);
            String compareLabel = query.compare() ? (w == 0 ? "current" : "previous") : null;
            Shape shape = new Shape(query, window, filter, compareLabel);
            List<SeriesCounts> perSeries = counts.get(w);
            if (query.formulas().isEmpty()) {
                for (TrendsSeries series : query.series()) {
                    Map<String, double[]> values = withEmpty(query, perSeries.get(series.order()).values(), window);
                    values.forEach((value, data) -> items.add(shape.item(data, label(query, series.name(), value), TrendsItem.Action.of(series, window.isoDays()), value,
                            series.order())));
                }
            } else {
                for (int f = 0; f < query.formulas().size(); f++) {
                    TrendsQuery.NamedFormula formula = query.formulas().get(f);
                    String name = formula.customName() != null ? formula.customName() : "Formula (" + formula.formula().text() + ")";
                    int order = f;
                    formulaValues(query, formula.formula(), perSeries, window)
                            .forEach((value, data) -> items.add(shape.item(data, query.breakdown() == null ? name : value, null, value, order)));
                }
            }
        }
        return items;
    }

    /** A query without a breakdown always has its item, zeros where no event counted. */
    private static Map<String, double[]> withEmpty(TrendsQuery query, Map<String, double[]> values, TrendsWindow window) {
        if (query.breakdown() != null || !values.isEmpty()) {
            return values;
        }
        return Map.of(TrendsSql.NO_BREAKDOWN, new double[query.display() == TrendsDisplay.TOTAL_VALUE ? 1 : window.buckets().size()]);
    }

    /** A formula's value per bucket for each breakdown value any series has (a series without it counts 0 there). */
    private static Map<String, double[]> formulaValues(TrendsQuery query, Formula formula, List<SeriesCounts> perSeries, TrendsWindow window) {
        int width = query.display() == TrendsDisplay.TOTAL_VALUE ? 1 : window.buckets().size();
        Set<String> values = new LinkedHashSet<>();
        perSeries.forEach(counts -> values.addAll(counts.values().keySet()));
        if (values.isEmpty() && query.breakdown() == null) {
            values.add(TrendsSql.NO_BREAKDOWN);
        }
        Map<String, double[]> computed = new LinkedHashMap<>();
        double[] at = new double[perSeries.size()];
        for (String value : values) {
            double[] data = new double[width];
            for (int b = 0; b < width; b++) {
                for (int s = 0; s < perSeries.size(); s++) {
                    double[] series = perSeries.get(s).values().get(value);
                    at[s] = series == null ? 0 : series[b];
                }
                data[b] = formula.value(at);
            }
            computed.put(value, data);
        }
        return SeriesCounts.ordered(computed).values();
    }

    private static String label(TrendsQuery query, String name, String value) {
        if (query.breakdown() == null) {
            return name;
        }
        return query.series().size() == 1 ? value : name + " - " + value;
    }

    /** PostHog's legacy filter of the query, as each item repeats it. */
    static Map<String, Object> filter(TrendsQuery query, JsonNode source) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("insight", "TRENDS");
        filter.put("interval", query.interval().jsonName());
        filter.put("date_from", query.dateFrom() == null ? TrendsDateRange.DEFAULT_DATE_FROM : query.dateFrom());
        filter.put("date_to", query.dateTo());
        JsonNode properties = source.get("properties");
        filter.put("properties", properties == null || properties.isNull() ? JsonNodeFactory.instance.arrayNode() : properties);
        filter.put("filter_test_accounts", query.filterTestAccounts());
        filter.put("entity_type", "events");
        Breakdown breakdown = query.breakdown();
        if (breakdown != null) {
            filter.put("breakdown", breakdown.property());
            filter.put("breakdown_type", "event");
            filter.put("breakdown_limit", breakdown.limit());
            if (breakdown.hideOther()) {
                filter.put("breakdown_hide_other_aggregation", true);
            }
            if (breakdown.normalizeUrl()) {
                filter.put("breakdown_normalize_url", true);
            }
        }
        if (query.displayName() != null) {
            filter.put("display", query.displayName());
        }
        if (!query.formulas().isEmpty()) {
            filter.put("formula", query.formulas().get(0).formula().text());
        }
        if (query.compare()) {
            filter.put("compare", true);
            if (query.compareTo() != null) {
                filter.put("compare_to", query.compareTo());
            }
        }
        if (query.smoothingIntervals() > 1) {
            filter.put("smoothing_intervals", query.smoothingIntervals());
        }
        return filter;
    }

    /** Builds the items of one window in the query's display. */
    private record Shape(TrendsQuery query, TrendsWindow window, Map<String, Object> filter, String compareLabel) {
        TrendsItem item(double[] data, String label, TrendsItem.Action action, String value, int order) {
            String breakdownValue = query.breakdown() == null ? null : value;
            Boolean compare = compareLabel == null ? null : Boolean.TRUE;
            if (query.display() == TrendsDisplay.TOTAL_VALUE) {
                return new TrendsItem(List.of(), List.of(), List.of(), 0, TrendsItem.number(data[0]), label, filter, action, breakdownValue,
                        compare, compareLabel, order);
            }
            double[] shown = smoothed(data, query.smoothingIntervals());
            double count = SeriesCounts.sum(shown);
            if (query.display() == TrendsDisplay.CUMULATIVE) {
                for (int i = 1; i < shown.length; i++) {
                    shown[i] += shown[i - 1];
                }
                count = shown.length == 0 ? 0 : shown[shown.length - 1];
            }
            return new TrendsItem(TrendsItem.numbers(shown), window.labels(), window.days(), TrendsItem.number(count), null, label, filter, action,
                    breakdownValue, compare, compareLabel, order);
        }
    }

    /** PostHog's moving average: each bucket the mean of itself and the {@code intervals - 1} before it (fewer at the start), rounded down. */
    private static double[] smoothed(double[] data, int intervals) {
        double[] shown = data.clone();
        if (intervals <= 1) {
            return shown;
        }
        double sum = 0;
        for (int i = 0; i < data.length; i++) {
            sum += data[i];
            if (i >= intervals) {
                sum -= data[i - intervals];
            }
            shown[i] = Math.floor(sum / Math.min(i + 1, intervals));
        }
        return shown;
    }
}
