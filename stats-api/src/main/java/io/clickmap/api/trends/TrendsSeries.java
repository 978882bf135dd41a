package io.clickmap.api.trends;

import java.util.List;

/**
 * One series of a trends query: the click events it counts (an {@code EventsNode}'s event, or the union of a
 * {@code GroupNode}'s, each event counted once), how it counts them, and its own filters. {@code event} is the
 * node's event as sent (null: all three click events); {@code name} is what results call it.
 */
record TrendsSeries(int order, String event, List<String> events, String name, String customName, TrendsMath math,
                    Condition properties) {
    TrendsSeries {
        events = List.copyOf(events);
    }
}
