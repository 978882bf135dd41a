package io.clickmap.api.trends;

import io.clickmap.api.query.PropertyFilter;
import java.util.List;
import java.util.Optional;

/**
 * Whether the daily rollups can count one series of a query exactly as {@code events} would, and if not, why not.
 * The click rollups hold click counts per day, event, page URL and chain, so they answer sums over whole days whose
 * filters and breakdown concern only those; the sketch rollup holds each day's and event's distinct ids, so it answers
 * active users of whole days by event name alone. A pure decision: the reason it returns is the first that applies.
 */
final class RollupEligibility {
    /** Why a series is counted over {@code events}. */
    enum Reason {
        /** Sessions are in no rollup (distinct ids are, in the sketch rollup). */
        SESSION_MATH,
        /** Hour buckets cut days, and the rollups hold whole days. */
        HOURLY,
        /** A filter on an event property other than {@code $current_url}. */
        PROPERTY_FILTER,
        /** Active users are kept per day and event alone: any property or element filter, the page URL's too. */
        USER_FILTER,
        /** A breakdown on another property, or a normalised URL (not one of the rollups' values); for active users any breakdown. */
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
        boolean users = series.math().countsUsers();
        if (series.math() != TrendsMath.TOTAL && !users) {
            return Optional.of(Reason.SESSION_MATH);
        }
        if (query.interval().isHourly()) {
            return Optional.of(Reason.HOURLY);
        }
        Condition condition = Condition.both(query.properties(), series.properties());
        if (users && !ConditionSql.onlyEventNames(condition)) {
            return Optional.of(Reason.USER_FILTER);
        }
        if (!users && !ConditionSql.rollupsHold(condition)) {
            return Optional.of(Reason.PROPERTY_FILTER);
        }
        if (users ? query.breakdown() != null : !byUrlOrNone(query.breakdown())) {
            return Optional.of(Reason.BREAKDOWN);
        }
        if (query.samplingFactor() < 1.0) {
            return Optional.of(Reason.SAMPLED);
        }
        return internalIds.isEmpty() ? Optional.empty() : Optional.of(Reason.TEST_ACCOUNTS);
    }

    /**
     * Whether a series the click rollups can count needs the element rollups, which hold the chain: it has an element
     * filter, however deep in a group. Without one, {@code clicks_daily} counts it (its URL filters and breakdown on {@code url}).
     */
    static boolean needsChains(TrendsQuery query, TrendsSeries series) {
        return ConditionSql.hasElementFilter(Condition.both(query.properties(), series.properties()));
    }

    /** No breakdown, or one on the page URL as stored: the rollups keep the URL (or its hash) as it came. */
    static boolean byUrlOrNone(Breakdown breakdown) {
        return breakdown == null || breakdown.property().equals(PropertyFilter.CURRENT_URL) && !breakdown.normalizeUrl();
    }
}
