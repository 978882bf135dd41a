package io.clickmap.api.trends;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a series counts in each bucket. The active-user kinds count distinct ids over a trailing window that
 * ends with the bucket; for week and month buckets that window is the bucket itself, so they equal {@link #DAU}.
 */
enum TrendsMath {
    TOTAL("total", 0),
    DAU("dau", 0),
    WEEKLY_ACTIVE("weekly_active", 7),
    MONTHLY_ACTIVE("monthly_active", 30),
    UNIQUE_SESSION("unique_session", 0);

    static final String NAMES = Arrays.stream(values()).map(math -> math.wireName).collect(Collectors.joining(", "));

    final String wireName;
    /** Days of the trailing window, 0 for a count within the bucket. */
    final int trailingDays;

    TrendsMath(String wireName, int trailingDays) {
        this.wireName = wireName;
        this.trailingDays = trailingDays;
    }

    static TrendsMath named(String name) {
        for (TrendsMath math : values()) {
            if (math.wireName.equals(name)) {
                return math;
            }
        }
        return null;
    }

    /** Whether buckets cannot be added up: a distinct count over two buckets is not the sum of theirs. */
    boolean isDistinct() {
        return this != TOTAL;
    }
}
