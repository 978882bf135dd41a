package io.clickmap.api.config;

import io.clickmap.api.elements.ElementIds;
import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.event.ClickEventType;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of the stats API, with its default, in this one place ({@code clickmap.*}; application.yml
 * only maps the operators' environment variables such as {@code CLICKHOUSE_URL} onto these names). Blank
 * means "use the default". Cross-checks run here, so a bad setting stops start-up naming itself. The table in
 * stats-api/README.md lists every setting (ReadmeConfigurationTest holds it to this class).
 */
@ConfigurationProperties("clickmap")
public record StatsApiConfig(
        @Nullable String clickhouseUrl,
        @Nullable String clickhouseDatabase,
        @Nullable String clickhouseUser,
        @Nullable String clickhousePassword,
        @Nullable List<String> defaultInclude,
        @Nullable Duration statsCacheTtl,
        @Nullable Long statsCacheBytes,
        @Nullable Long elementCacheBytes,
        @Nullable Long chainCacheBytes,
        @Nullable Duration apiKeyCacheTtl,
        @Nullable String statsStorage,
        @Nullable String bootstrapApiKey,
        @Nullable String bootstrapEnvironment,
        @Nullable Duration startupTimeout,
        @Nullable Integer elementWriterId) {

    public static final String STORAGE_AUTO = "auto";
    public static final String STORAGE_RAW = "raw";
    // Revocation must take effect within a bounded time: a key cached for hours would outlive it.
    public static final Duration MAX_API_KEY_CACHE_TTL = Duration.ofMinutes(5);

    public StatsApiConfig {
        clickhouseUrl = orDefault(clickhouseUrl, ClickHouseConfig.DEFAULT_URL);
        clickhouseDatabase = orDefault(clickhouseDatabase, ClickHouseConfig.DEFAULT_DATABASE);
        clickhouseUser = orDefault(clickhouseUser, ClickHouseConfig.DEFAULT_USER);
        clickhousePassword = clickhousePassword == null ? "" : clickhousePassword;
        defaultInclude = defaultInclude == null || defaultInclude.stream().allMatch(String::isBlank)
                ? List.of(ClickEventType.AUTOCAPTURE)
                : defaultInclude.stream().map(String::strip).filter(value -> !value.isEmpty()).toList();
        statsCacheTtl = statsCacheTtl == null ? Duration.ofSeconds(30) : statsCacheTtl;
        statsCacheBytes = statsCacheBytes == null ? 48L << 20 : statsCacheBytes;
        elementCacheBytes = elementCacheBytes == null ? 48L << 20 : elementCacheBytes;
        chainCacheBytes = chainCacheBytes == null ? 32L << 20 : chainCacheBytes;
        apiKeyCacheTtl = apiKeyCacheTtl == null ? Duration.ofSeconds(10) : apiKeyCacheTtl;
        statsStorage = orDefault(statsStorage, STORAGE_AUTO);
        bootstrapApiKey = blankToNull(bootstrapApiKey);
        bootstrapEnvironment = blankToNull(bootstrapEnvironment);
        startupTimeout = startupTimeout == null ? Duration.ofSeconds(60) : startupTimeout;

        for (String event : defaultInclude) {
            require(ClickEventType.isClick(event), "clickmap.default-include",
                    "'" + event + "' is not one of " + ClickEventType.ALL);
        }
        require(!statsCacheTtl.isNegative(), "clickmap.stats-cache-ttl", "must not be negative");
        require(statsCacheBytes >= 0, "clickmap.stats-cache-bytes", "must not be negative");
        require(elementCacheBytes >= 0, "clickmap.element-cache-bytes", "must not be negative");
        require(chainCacheBytes >= 0, "clickmap.chain-cache-bytes", "must not be negative");
        require(!apiKeyCacheTtl.isNegative() && apiKeyCacheTtl.compareTo(MAX_API_KEY_CACHE_TTL) <= 0, "clickmap.api-key-cache-ttl",
                "must be between 0 and " + MAX_API_KEY_CACHE_TTL.toMinutes() + " minutes, so that revoking a key takes effect soon");
        require(statsStorage.equals(STORAGE_AUTO) || statsStorage.equals(STORAGE_RAW), "clickmap.stats-storage",
                "must be 'auto' (daily rollup where possible) or 'raw' (always the events table), not '" + statsStorage + "'");
        require(!startupTimeout.isNegative(), "clickmap.startup-timeout", "must not be negative");
        require(elementWriterId == null || elementWriterId >= 0 && elementWriterId <= ElementIds.MAX_WRITER, "clickmap.element-writer-id",
                "must be from 0 to " + ElementIds.MAX_WRITER + " (or unset for a random one), so that it fits the bits element ids keep for it");
    }

    /** The connection settings, checked by {@link ClickHouseConfig} (URL shape, database identifier). */
    public ClickHouseConfig clickHouse() {
        try {
            return new ClickHouseConfig(clickhouseUrl, clickhouseDatabase, clickhouseUser, clickhousePassword);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("clickmap.clickhouse-url / clickmap.clickhouse-database (CLICKHOUSE_URL, "
                    + "CLICKHOUSE_DATABASE): " + e.getMessage(), e);
        }
    }

    public boolean alwaysRaw() {
        return statsStorage.equals(STORAGE_RAW);
    }

    @Override
    public String toString() {
        return "StatsApiConfig[clickhouse=" + clickhouseUrl + "/" + clickhouseDatabase + " as " + clickhouseUser
                + ", defaultInclude=" + defaultInclude + ", statsCacheTtl=" + statsCacheTtl + ", apiKeyCacheTtl=" + apiKeyCacheTtl
                + ", statsStorage=" + statsStorage + ", elementWriterId=" + (elementWriterId == null ? "random" : elementWriterId)
                + ", bootstrapApiKey=" + (bootstrapApiKey == null ? "none" : "set")
                + ", bootstrapEnvironment=" + (bootstrapEnvironment == null ? "none" : "set") + "]";
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void require(boolean condition, String setting, String why) {
        if (!condition) {
            throw new IllegalStateException("Setting " + setting + " " + why);
        }
    }
}
