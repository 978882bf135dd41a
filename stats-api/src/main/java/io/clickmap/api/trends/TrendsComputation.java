package io.clickmap.api.trends;

import java.time.Instant;
import java.util.List;

/**
 * What one computation of a trends query produced: its items, the statements that ran (PostHog's {@code hogql}),
 * the absolute window, whether breakdown values were folded away, and when it ran.
 */
record TrendsComputation(List<TrendsItem> items, List<String> statements, Instant from, Instant to, boolean hasMore, Instant computedAt) {
    TrendsComputation {
        items = List.copyOf(items);
        statements = List.copyOf(statements);
    }

    String hogql() {
        return String.join(";\n\n", statements);
    }
}
