package io.clickmap.api.stats;

import io.clickmap.api.query.DateRange;
import io.clickmap.api.query.PropertyFilter;
import java.util.List;

/**
 * What rows a stats request asks for, normalised: equal queries have equal values (events sorted, dates
 * resolved to seconds), so this is also the cache key. {@code samplingFactor} is 1 for exact counts.
 */
record StatsQuery(
        long environmentId,
        List<String> events,
        DateRange range,
        List<PropertyFilter> filters,
        int limit,
        long offset,
        double samplingFactor) {

    StatsQuery {
        events = List.copyOf(events);
        filters = List.copyOf(filters);
    }

    boolean isSampled() {
        return samplingFactor < 1.0;
    }

    boolean filtersOnlyCurrentUrl() {
        return filters.stream().allMatch(PropertyFilter::isOnCurrentUrl);
    }
}
