package io.clickmap.api.clickhouse;

import static io.clickmap.api.config.Settings.orDefault;
import static io.clickmap.api.config.Settings.require;

import io.clickmap.clickhouse.ClickHouseConfig;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Where the stats API's ClickHouse is, how long start-up waits for it, and the writer id of the rows it adds ({@code clickmap.*}; application.yml maps
 * {@code CLICKHOUSE_URL} and the rest onto these names). stats-api/README.md's table lists every setting of every
 * feature (ReadmeConfigurationTest holds it to the records).
 */
@ConfigurationProperties("clickmap")
public record ClickHouseSettings(
        @Nullable String clickhouseUrl,
        @Nullable String clickhouseDatabase,
        @Nullable String clickhouseUser,
        @Nullable String clickhousePassword,
        @Nullable String clickhouseCluster,
        @Nullable Duration startupTimeout,
        @Nullable Integer writerId) {

    public ClickHouseSettings {
        clickhouseUrl = orDefault(clickhouseUrl, ClickHouseConfig.DEFAULT_URL);
        clickhouseDatabase = orDefault(clickhouseDatabase, ClickHouseConfig.DEFAULT_DATABASE);
        clickhouseUser = orDefault(clickhouseUser, ClickHouseConfig.DEFAULT_USER);
        clickhousePassword = clickhousePassword == null ? "" : clickhousePassword;
        clickhouseCluster = orDefault(clickhouseCluster, ClickHouseConfig.DEFAULT_CLUSTER);
        startupTimeout = startupTimeout == null ? Duration.ofSeconds(60) : startupTimeout;
        require(!startupTimeout.isNegative(), "clickmap.startup-timeout", "must not be negative");
        require(writerId == null || writerId >= 0 && writerId <= RowIds.MAX_WRITER, "clickmap.writer-id",
                "must be from 0 to " + RowIds.MAX_WRITER + " (or unset for a random one), so that it fits the bits row ids keep for it");
    }

    /** The connection settings, checked by {@link ClickHouseConfig} (URL shape, database identifier). */
    public ClickHouseConfig clickHouse() {
        try {
            return new ClickHouseConfig(clickhouseUrl, clickhouseDatabase, clickhouseUser, clickhousePassword, clickhouseCluster);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("clickmap.clickhouse-url / clickmap.clickhouse-database / clickmap.clickhouse-cluster (CLICKHOUSE_URL, "
                    + "CLICKHOUSE_DATABASE, CLICKHOUSE_CLUSTER): " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ClickHouseSettings[" + clickhouseUrl + "/" + clickhouseDatabase + " as " + clickhouseUser
                + (clickhouseCluster.isEmpty() ? "" : " on cluster " + clickhouseCluster) + ", startupTimeout=" + startupTimeout
                + ", writerId=" + (writerId == null ? "random" : writerId) + "]";
    }
}
