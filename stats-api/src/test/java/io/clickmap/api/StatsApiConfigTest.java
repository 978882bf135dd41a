package io.clickmap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickmap.api.config.StatsApiConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsApiConfigTest {

    private static StatsApiConfig config(List<String> include, Duration keyTtl, String storage, String url) {
        return new StatsApiConfig(url, null, null, null, include, null, null, null, null, keyTtl, storage, null, null, null, null);
    }

    @Test
    void blankSettingsTakeTheDefaults() {
        StatsApiConfig config = config(null, null, " ", "");
        assertThat(config.clickhouseUrl()).isEqualTo("http://127.0.0.1:8123");
        assertThat(config.clickhouseDatabase()).isEqualTo("clickmap");
        assertThat(config.defaultInclude()).containsExactly("$autocapture");
        assertThat(config.statsCacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.apiKeyCacheTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.alwaysRaw()).isFalse();
    }

    @Test
    void aBadSettingStopsStartUpNamingIt() {
        assertThatThrownBy(() -> config(List.of("$pageview"), null, null, null)).hasMessageContaining("clickmap.default-include");
        assertThatThrownBy(() -> config(null, Duration.ofHours(1), null, null)).hasMessageContaining("clickmap.api-key-cache-ttl");
        assertThatThrownBy(() -> config(null, null, "fast", null)).hasMessageContaining("clickmap.stats-storage");
        assertThatThrownBy(() -> config(null, null, null, "localhost:8123").clickHouse()).hasMessageContaining("CLICKHOUSE_URL");
        assertThatThrownBy(() -> new StatsApiConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, 1024))
                .hasMessageContaining("clickmap.element-writer-id").hasMessageContaining("from 0 to 1023");
    }

    @Test
    void thePasswordNeverAppearsInTheDescription() {
        StatsApiConfig config = new StatsApiConfig(null, null, null, "secret-password", null, null, null, null, null, null, null, "phx_secret_key", null, null, null);
        assertThat(config.toString()).doesNotContain("secret-password").doesNotContain("phx_secret_key");
    }
}
