package io.clickmap.api.trends;

import static io.clickmap.api.config.Settings.orDefault;
import static io.clickmap.api.config.Settings.require;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Settings of computing trends: how much memory element filters' matching chains and the
 * computed results may take, how many computations one environment may run at once (more answer 429), how long
 * ClickHouse may spend on one statement of a computation before it stops it, and whether eligible series are read
 * from the daily rollups ({@code auto}) or always from the events ({@code raw}).
 */
@ConfigurationProperties("clickmap")
public record TrendsConfig(@Nullable Long trendsChainCacheBytes, @Nullable Long trendsResultCacheBytes, @Nullable Integer trendsConcurrency,
                           @Nullable Duration trendsQueryTimeout, @Nullable String trendsStorage) {

    public static final String STORAGE_AUTO = "auto";
    public static final String STORAGE_RAW = "raw";

    public TrendsConfig {
        trendsChainCacheBytes = trendsChainCacheBytes == null ? 16L << 20 : trendsChainCacheBytes;
        trendsResultCacheBytes = trendsResultCacheBytes == null ? 64L << 20 : trendsResultCacheBytes;
        trendsConcurrency = trendsConcurrency == null ? 4 : trendsConcurrency;
        trendsQueryTimeout = trendsQueryTimeout == null ? Duration.ofSeconds(60) : trendsQueryTimeout;
        trendsStorage = orDefault(trendsStorage, STORAGE_AUTO);
        require(trendsChainCacheBytes >= 0, "clickmap.trends-chain-cache-bytes", "must not be negative");
        require(trendsResultCacheBytes >= 0, "clickmap.trends-result-cache-bytes", "must not be negative");
        require(trendsConcurrency >= 1 && trendsConcurrency <= 64, "clickmap.trends-concurrency", "must be from 1 to 64");
        require(trendsQueryTimeout.toSeconds() >= 1 && trendsQueryTimeout.toMinutes() <= 60, "clickmap.trends-query-timeout", "must be from 1s to 60m");
        require(trendsStorage.equals(STORAGE_AUTO) || trendsStorage.equals(STORAGE_RAW), "clickmap.trends-storage",
                "must be 'auto' (daily rollups where they give the same answer) or 'raw' (always the events table), not '" + trendsStorage + "'");
    }

    boolean alwaysRaw() {
        return trendsStorage.equals(STORAGE_RAW);
    }
}
