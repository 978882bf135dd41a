package io.clickmap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickmap.api.auth.AuthConfig;
import io.clickmap.api.clickhouse.ClickHouseSettings;
import io.clickmap.api.stats.StatsConfig;
import io.clickmap.api.trends.TrendsConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each feature's settings record: blank takes the default, a bad value stops start-up naming the setting. */
class FeatureSettingsTest {

    @Test
    void blankSettingsTakeTheDefaults() {
        ClickHouseSettings clickHouse = new ClickHouseSettings("", null, null, null, null, null, null);
        assertThat(clickHouse.clickhouseUrl()).isEqualTo("http://127.0.0.1:8123");
        assertThat(clickHouse.clickhouseDatabase()).isEqualTo("clickmap");
        StatsConfig stats = new StatsConfig(null, null, null, null, null, " ");
        assertThat(stats.defaultInclude()).containsExactly("$autocapture");
        assertThat(stats.statsCacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(stats.alwaysRaw()).isFalse();
        assertThat(new TrendsConfig(null, null, null, null, " ").trendsStorage()).isEqualTo("auto");
        assertThat(new TrendsConfig(null, null, null, null, null).trendsQueryTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(new AuthConfig(null, " ", "").apiKeyCacheTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(new AuthConfig(null, " ", "").bootstrapApiKey()).isNull();
    }

    @Test
    void aBadSettingStopsStartUpNamingIt() {
        assertThatThrownBy(() -> new StatsConfig(List.of("$pageview"), null, null, null, null, null)).hasMessageContaining("clickmap.default-include");
        assertThatThrownBy(() -> new StatsConfig(null, null, null, null, null, "fast")).hasMessageContaining("clickmap.stats-storage");
        assertThatThrownBy(() -> new TrendsConfig(null, null, null, null, "rollup")).hasMessageContaining("clickmap.trends-storage");
        assertThatThrownBy(() -> new TrendsConfig(null, null, 0, null, null)).hasMessageContaining("clickmap.trends-concurrency");
        assertThatThrownBy(() -> new TrendsConfig(null, null, null, Duration.ofHours(2), null)).hasMessageContaining("clickmap.trends-query-timeout");
        assertThatThrownBy(() -> new AuthConfig(Duration.ofHours(1), null, null)).hasMessageContaining("clickmap.api-key-cache-ttl");
        assertThatThrownBy(() -> new ClickHouseSettings("localhost:8123", null, null, null, null, null, null).clickHouse()).hasMessageContaining("CLICKHOUSE_URL");
        assertThatThrownBy(() -> new ClickHouseSettings(null, null, null, null, null, null, 1024)).hasMessageContaining("clickmap.writer-id").hasMessageContaining("from 0 to 1023");
    }

    @Test
    void secretsNeverAppearInTheDescriptions() {
        assertThat(new ClickHouseSettings(null, null, null, "secret-password", null, null, null).toString()).doesNotContain("secret-password");
        assertThat(new AuthConfig(null, "phx_secret_key", "1:Shop:phc_shop").toString()).doesNotContain("phx_secret_key").doesNotContain("phc_shop");
    }
}
