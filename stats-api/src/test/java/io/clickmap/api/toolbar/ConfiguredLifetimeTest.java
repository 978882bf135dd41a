package io.clickmap.api.toolbar;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.SettableClock;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With clickmap.toolbar-token-lifetime set, a launched token lives that long: its link says so and it is refused from then on. */
@MicronautTest
class ConfiguredLifetimeTest extends ServiceTest {
    private final SettableClock clock = new SettableClock();

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("clickmap.toolbar-token-lifetime", "5m");
    }

    @Test
    void aTokenLivesTheConfiguredLifetime() {
        Api.Reply launched = api().send("POST", "/api/environments/1/toolbar/launch", "{\"url\":\"https://shop.example.com/\"}");
        String url = launched.json().get("url").asText();
        String token = Api.json(URLDecoder.decode(url.substring(url.indexOf('=') + 1), StandardCharsets.UTF_8)).get("temporaryToken").asText();
        String stats = "/api/environments/1/elements/stats/?temporary_token=" + token;

        assertThat(launched.json().get("expires_at").asText()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(5)).toString());
        clock.advance(Duration.ofMinutes(4));
        assertThat(api().withKey(null).get(stats).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        assertThat(api().withKey(null).get(stats).status()).isEqualTo(401);
    }
}
