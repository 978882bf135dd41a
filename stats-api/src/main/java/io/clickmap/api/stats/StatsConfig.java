package io.clickmap.api.stats;

import static io.clickmap.api.config.Settings.orDefault;
import static io.clickmap.api.config.Settings.require;

import io.clickmap.event.ClickEventType;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/** The stats endpoint's settings: what it counts by default, where it reads from, and what it keeps cached. */
@ConfigurationProperties("clickmap")
public record StatsConfig(
        @Nullable List<String> defaultInclude,
        @Nullable Duration statsCacheTtl,
        @Nullable Long statsCacheBytes,
        @Nullable Long elementCacheBytes,
        @Nullable Long chainCacheBytes,
        @Nullable String statsStorage) {

    public static final String STORAGE_AUTO = "auto";
    public static final String STORAGE_RAW = "raw";

    public StatsConfig {
        defaultInclude = defaultInclude == null || defaultInclude.stream().allMatch(String::isBlank)
                ? List.of(ClickEventType.AUTOCAPTURE)
                : defaultInclude.stream().map(String::strip).filter(value -> !value.isEmpty()).toList();
        statsCacheTtl = statsCacheTtl == null ? Duration.ofSeconds(30) : statsCacheTtl;
        statsCacheBytes = statsCacheBytes == null ? 48L << 20 : statsCacheBytes;
        elementCacheBytes = elementCacheBytes == null ? 48L << 20 : elementCacheBytes;
        chainCacheBytes = chainCacheBytes == null ? 32L << 20 : chainCacheBytes;
        statsStorage = orDefault(statsStorage, STORAGE_AUTO);

        for (String event : defaultInclude) {
            require(ClickEventType.isClick(event), "clickmap.default-include", "'" + event + "' is not one of " + ClickEventType.ALL);
        }
        require(!statsCacheTtl.isNegative(), "clickmap.stats-cache-ttl", "must not be negative");
        require(statsCacheBytes >= 0, "clickmap.stats-cache-bytes", "must not be negative");
        require(elementCacheBytes >= 0, "clickmap.element-cache-bytes", "must not be negative");
        require(chainCacheBytes >= 0, "clickmap.chain-cache-bytes", "must not be negative");
        require(statsStorage.equals(STORAGE_AUTO) || statsStorage.equals(STORAGE_RAW), "clickmap.stats-storage",
                "must be 'auto' (daily rollup where possible) or 'raw' (always the events table), not '" + statsStorage + "'");
    }

    public boolean alwaysRaw() {
        return statsStorage.equals(STORAGE_RAW);
    }
}
