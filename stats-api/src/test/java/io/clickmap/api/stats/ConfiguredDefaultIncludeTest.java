package io.clickmap.api.stats;

import static io.clickmap.api.ShopFixture.PRICING_HASH;
import static io.clickmap.api.ShopFixture.SIGNUP_HASH;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.ServiceTest;
import io.clickmap.api.ShopFixture;
import io.clickmap.api.environments.EnvironmentStore;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Newer toolbars want every click type by default: {@code clickmap.default-include} says which. */
@MicronautTest
class ConfiguredDefaultIncludeTest extends ServiceTest {
    @Inject
    EnvironmentStore environments;

    @Override
    protected Map<String, String> settings() {
        return Map.of("clickmap.default-include", "$rageclick,$dead_click", "clickmap.stats-cache-ttl", "0s");
    }

    @BeforeAll
    void loadShop() {
        ShopFixture.load(CLICKHOUSE, environments);
    }

    @Test
    void withoutIncludeTheConfiguredEventsAreCounted() {
        assertThat(StatsRows.of(api().get("/api/environments/1/elements/stats/?date_from=2025-03-10&date_to=2025-03-10").json()))
                .containsExactly("2 " + PRICING_HASH + " $rageclick", "1 " + SIGNUP_HASH + " $dead_click");
    }

    @Test
    void anExplicitIncludeStillWins() {
        assertThat(StatsRows.of(api().get("/api/environments/1/elements/stats/?date_from=2025-03-10&date_to=2025-03-10"
                + "&include=$autocapture&limit=1").json())).containsExactly("3 " + PRICING_HASH + " $autocapture");
    }

    @Test
    void withCachingOffEveryRequestIsComputed() {
        String query = "/api/environments/1/elements/stats/?date_from=2025-03-10&date_to=2025-03-10";
        api().get(query);
        assertThat(api().get(query).header("Server-Timing").orElseThrow()).doesNotContain("cache");
    }
}
