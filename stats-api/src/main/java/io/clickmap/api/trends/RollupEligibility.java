package io.clickmap.api.trends;

import io.clickmap.api.query.PropertyFilter;
import java.util.List;
import java.util.Optional;

/**
 * Whether the daily rollups can count one series of a query exactly as {@code events} would, and if not, why not.
 * The click rollups hold counts per day, event, page URL and chain, so they answer sums over whole days whose
 * filters and breakdown concern only those; {@code daily_ids} holds each day's distinct ids per event, so it
 * answers distinct-id math filtered by event names alone. A pure decision: the reason it returns is the first that
 * applies.
 */
final class RollupEligibility {
    /** Why a series is counted over {@code events}. */
    enum Reason {
        /** Sessions are not in the rollups. */
        SESSIONS,
        /** Distinct ids are kept per day and event only: a distinct-id series with a property or element filter. */
        DISTINCT_WITH_FILTERS,
        /** Hour buckets cut days, and the rollups hold whole days. */
        HOURLY,
        /** A filter on an event property other than {@code $current_url}. */
        PROPERTY_FILTER,
        /** A breakdown on another property, or a normalised URL (not one of the rollups' values). */
        BREAKDOWN,
        /** {@code SAMPLE} needs the events' sampling key. */
        SAMPLED,
        /** Internal users are left out by distinct id, which the rollups do not hold. */
        TEST_ACCOUNTS
    }

    private RollupEligibility() {
    }

    /** Empty when the rollups can count {@code series}; {@code internalIds} are those the query leaves out. */
    static Optional<Reason> refusal(TrendsQuery query, TrendsSeries series, List<String> internalIds) {
        if (series.math() == TrendsMath.UNIQUE_SESSION) {
            return Optional.of(Reason.SESSIONS);
        }
        if (query.interval().isHourly()) {
            return Optional.of(Reason.HOURLY);
        }
        Condition condition = Condition.both(query.properties(), series.properties());
        if (series.math().isDistinct()) {
            if (!ConditionSql.eventNamesOnly(condition)) {
                return Optional.of(Reason.DISTINCT_WITH_FILTERS);
            }
            if (query.breakdown() != null) {
                return Optional.of(Reason.BREAKDOWN);
            }
        } else {
            if (!ConditionSql.rollupsHold(condition)) {
                return Optional.of(Reason.PROPERTY_FILTER);
            }
            if (!byUrlOrNone(query.breakdown())) {
                return Optional.of(Reason.BREAKDOWN);
            }
        }
        if (query.samplingFactor() < 1.0) {
            return Optional.of(Reason.SAMPLED);
        }
        return internalIds.isEmpty() ? Optional.empty() : Optional.of(Reason.TEST_ACCOUNTS);
    }

    /**
     * What a series the rollups can count asks of them: the chain when it has an element filter, however deep in a
     * group (only {@code element_clicks_daily} and {@code chain_clicks_daily} hold chains); the page when it has a URL
     * filter or a URL breakdown ({@code chain_clicks_daily} holds none).
     */
    static TrendsPlan.Needs needs(TrendsQuery query, TrendsSeries series) {
        Condition condition = Condition.both(query.properties(), series.properties());
        return new TrendsPlan.Needs(ConditionSql.hasElementFilter(condition), query.breakdown() != null || ConditionSql.hasUrlFilter(condition));
    }

    /** No breakdown, or one on the page URL as stored: the rollups keep the URL (or its hash) as it came. */
    static boolean byUrlOrNone(Breakdown breakdown) {
        return breakdown == null || breakdown.property().equals(PropertyFilter.CURRENT_URL) && !breakdown.normalizeUrl();
    }
}
