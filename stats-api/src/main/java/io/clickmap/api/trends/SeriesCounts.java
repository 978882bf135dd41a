package io.clickmap.api.trends;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.clickmap.clickhouse.ClickHouseSql;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** Adds up (value, total) rows; the rows of one value add up. */
    static Tally perValue() {
        return new Tally(null, 1);
    }

    /** Adds up (bucket, value, total) rows, the bucket as epoch seconds, the rows of one bucket and value adding up; rows of other buckets (a trailing window's lead-in) are left out. */
    static Tally perBucket(List<Instant> buckets) {
        return new Tally(buckets.stream().mapToLong(Instant::getEpochSecond).toArray(), buckets.size());
    }

    /**
     * A counting statement's rows added up as the parser meets them, without a tree per row. A row is (bucket, value,
     * total), or (value, buckets, totals) with a value's buckets and totals side by side in two arrays.
     */
    static final class Tally implements ClickHouseSql.RowReader {
        /** The buckets' starts in ascending order; null when the rows have no bucket. */
        private final long[] buckets;
        private final int width;
        private final Map<String, double[]> values = new HashMap<>();
        private long[] rowBuckets = new long[32];
        private double[] rowTotals = new double[32];

        private Tally(long[] buckets, int width) {
            this.buckets = buckets;
            this.width = width;
        }

        @Override
        public void read(JsonParser row) throws IOException {
            String value = null;
            int bucketCount = 0;
            int totalCount = 0;
            while (row.nextToken() == JsonToken.FIELD_NAME) {
                String field = row.currentName();
                row.nextToken();
                switch (field) {
                    case "bucket" -> {
                        rowBuckets[0] = row.getValueAsLong();
                        bucketCount = 1;
                    }
                    case "total" -> {
                        rowTotals[0] = row.getValueAsDouble();
                        totalCount = 1;
                    }
                    case "buckets" -> bucketCount = readBuckets(row);
                    case "totals" -> totalCount = readTotals(row);
                    case "value" -> value = row.getText();
                    default -> row.skipChildren();
                }
            }
            if (buckets != null && bucketCount != totalCount) {
                throw new IOException("a row of " + bucketCount + " buckets and " + totalCount + " totals");
            }
            for (int i = 0; i < totalCount; i++) {
                int at = buckets == null ? 0 : Arrays.binarySearch(buckets, rowBuckets[i]);
                // a value only counted outside the buckets (a trailing window's lead-in) gets no item
                if (at >= 0) {
                    values.computeIfAbsent(value, absent -> new double[width])[at] += rowTotals[i];
                }
            }
        }

        private int readBuckets(JsonParser array) throws IOException {
            int n = 0;
            while (array.nextToken() != JsonToken.END_ARRAY) {
                if (n == rowBuckets.length) {
                    rowBuckets = Arrays.copyOf(rowBuckets, 2 * n);
                }
                rowBuckets[n++] = array.getValueAsLong();
            }
            return n;
        }

        private int readTotals(JsonParser array) throws IOException {
            int n = 0;
            while (array.nextToken() != JsonToken.END_ARRAY) {
                if (n == rowTotals.length) {
                    rowTotals = Arrays.copyOf(rowTotals, 2 * n);
                }
                rowTotals[n++] = array.getValueAsDouble();
            }
            return n;
        }

        SeriesCounts counts() {
            return new SeriesCounts(values);
        }
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
