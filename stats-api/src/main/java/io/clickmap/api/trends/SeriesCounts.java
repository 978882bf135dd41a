package io.clickmap.api.trends;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One series' counts over one window: per breakdown value (a single {@link TrendsSql#NO_BREAKDOWN} value without
 * a breakdown), one number per bucket — or one number in all, for total-value displays. Ordered as items are:
 * by total descending, then by value, the null sentinel and then the other sentinel last.
 */
record SeriesCounts(Map<String, double[]> values) {
    static final Comparator<Map.Entry<String, double[]>> ITEM_ORDER = Comparator
            .comparingInt((Map.Entry<String, double[]> entry) -> rank(entry.getKey()))
            .thenComparing(entry -> -sum(entry.getValue()))
            .thenComparing(Map.Entry::getKey);

    static SeriesCounts ordered(Map<String, double[]> values) {
        List<Map.Entry<String, double[]>> entries = new ArrayList<>(values.entrySet());
        entries.sort(ITEM_ORDER);
        Map<String, double[]> ordered = new LinkedHashMap<>();
        entries.forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return new SeriesCounts(ordered);
    }

    /** From (value, total) rows; the rows of one value add up. */
    static SeriesCounts perValue(List<JsonNode> rows) {
        Map<String, double[]> values = new HashMap<>();
        for (JsonNode row : rows) {
            values.computeIfAbsent(row.get("value").asText(), value -> new double[1])[0] += row.get("total").asDouble();
        }
        return new SeriesCounts(values);
    }

    /** From (bucket, value, total) rows, the bucket as epoch seconds, the rows of one bucket and value adding up; rows of other buckets (a trailing window's lead-in) are left out. */
    static SeriesCounts perBucket(List<Instant> buckets, List<JsonNode> rows) {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < buckets.size(); i++) {
            index.put(buckets.get(i).getEpochSecond(), i);
        }
        Map<String, double[]> values = new HashMap<>();
        for (JsonNode row : rows) {
            Integer at = index.get(row.get("bucket").asLong());
            if (at != null) {
                values.computeIfAbsent(row.get("value").asText(), value -> new double[buckets.size()])[at] += row.get("total").asDouble();
            }
        }
        return new SeriesCounts(values);
    }

    /** The values that get an item of their own: the {@code limit} with the highest totals, the null sentinel among them. */
    List<String> top(int limit) {
        List<Map.Entry<String, double[]>> entries = new ArrayList<>(values.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<String, double[]> entry) -> -sum(entry.getValue())).thenComparing(Map.Entry::getKey));
        return entries.stream().limit(limit).map(Map.Entry::getKey).toList();
    }

    static double sum(double[] data) {
        double sum = 0;
        for (double value : data) {
            sum += value;
        }
        return sum;
    }

    private static int rank(String value) {
        return value.equals(Breakdown.OTHER) ? 2 : value.equals(Breakdown.NONE) ? 1 : 0;
    }
}
