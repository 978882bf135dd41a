package io.clickmap.api.trends;

import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Plans each series' window: all from {@code events} when {@code clickmap.trends-storage} is {@code raw} or the
 * rollups cannot count the series ({@link RollupEligibility}), else split by whole covered days of the rollup that
 * suits it ({@link TrendsPlan#choose}, {@link RollupCoverage}). Coverage is asked only for series the rollups can
 * count, and only about whole days of their window.
 */
@Singleton
class TrendsPlanner {
    private final RollupCoverage coverage;
    private final boolean alwaysRaw;

    TrendsPlanner(RollupCoverage coverage, TrendsConfig config) {
        this.coverage = coverage;
        this.alwaysRaw = config.alwaysRaw();
    }

    TrendsPlan plan(long environmentId, TrendsQuery query, TrendsSeries series, List<String> internalIds, TrendsWindow window,
                    ServerTiming timing) {
        if (alwaysRaw || RollupEligibility.refusal(query, series, internalIds).isPresent()) {
            return TrendsPlan.raw(window.from(), window.to());
        }
        return TrendsPlan.choose(window.from(), window.to(), RollupEligibility.needsChains(query, series),
                day -> coverage.of(RollupCoverage.CLICKS_ROLLUP_MIGRATION, environmentId, timing).covers(day),
                day -> coverage.of(RollupCoverage.CHAINLESS_ROLLUP_MIGRATION, environmentId, timing).covers(day));
    }
}
