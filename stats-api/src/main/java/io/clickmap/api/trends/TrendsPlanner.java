package io.clickmap.api.trends;

import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Plans each series' window: all from {@code events} when {@code clickmap.trends-storage} is {@code raw} or the
 * rollups cannot count the series ({@link RollupEligibility}), else split by whole covered days of the rollup that
 * suits it ({@code daily_ids} for distinct ids, {@link TrendsPlan#choose} for counts; {@link RollupCoverage}).
 * Coverage is asked only for series the rollups can count, and only about whole days of their window.
 */
@Singleton
class TrendsPlanner {
    private final RollupCoverage coverage;
    private final boolean alwaysRaw;

    TrendsPlanner(RollupCoverage coverage, TrendsConfig config) {
        this.coverage = coverage;
        this.alwaysRaw = config.alwaysRaw();
    }

    /** The plan of the events from {@code from} to {@code to} that the series counts (a trailing window's reach back included). */
    TrendsPlan plan(long environmentId, TrendsQuery query, TrendsSeries series, List<String> internalIds, Instant from, Instant to,
                    ServerTiming timing) {
        if (alwaysRaw || RollupEligibility.refusal(query, series, internalIds).isPresent()) {
            return TrendsPlan.raw(from, to);
        }
        if (series.math().isDistinct()) {
            return TrendsPlan.split(TrendsPlan.Rollup.DAILY_IDS, from, to,
                    day -> coverage.of(RollupCoverage.DAILY_IDS_MIGRATION, environmentId, timing).covers(day));
        }
        return TrendsPlan.choose(from, to, RollupEligibility.needs(query, series),
                new TrendsPlan.Covered(day -> coverage.of(RollupCoverage.CLICKS_ROLLUP_MIGRATION, environmentId, timing).covers(day),
                        day -> coverage.of(RollupCoverage.CHAINLESS_ROLLUP_MIGRATION, environmentId, timing).covers(day),
                        // chain_clicks_daily is read with chainless_clicks_daily: a day counts as covered when both cover it
                        day -> coverage.of(RollupCoverage.CHAIN_CLICKS_ROLLUP_MIGRATION, environmentId, timing).covers(day)
                                && coverage.of(RollupCoverage.CHAINLESS_ROLLUP_MIGRATION, environmentId, timing).covers(day)));
    }
}
