package io.clickmap.api.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** With ClickHouse down, every endpoint that needs it answers 503 with a clear detail, and recovers by itself. */
@MicronautTest
class ClickHouseOutageTest extends ServiceTest {
    private static final String UNAVAILABLE = "{\"type\":\"server_error\",\"code\":\"service_unavailable\","
            + "\"detail\":\"The analytics database (ClickHouse) is unreachable or overloaded; please retry shortly.\",\"attr\":null}";

    @Test
    void statsValuesElementsAndHealthAnswerServiceUnavailableDuringAnOutageAndRecoverAfterIt() {
        assumeTrue(CLICKHOUSE.server().canStop(), "this ClickHouse cannot be stopped by the tests");
        assertThat(api().get("/api/environments/1/elements/stats/?date_from=-1d").status()).isEqualTo(200);
        long element = api().send("POST", "/api/environments/1/elements/", "{\"text\":\"before\"}").json().get("id").asLong();

        CLICKHOUSE.server().stop();
        try {
            Api.Reply stats = api().get("/api/environments/1/elements/stats/?date_from=-2d");
            assertThat(stats.status()).isEqualTo(503);
            assertThat(stats.json()).isEqualTo(Api.json(UNAVAILABLE));
            Api.Reply values = api().get("/api/environments/1/elements/values/?key=text");
            assertThat(values.status()).isEqualTo(503);
            assertThat(values.json()).isEqualTo(Api.json(UNAVAILABLE));
            for (Api.Reply elements : new Api.Reply[] {
                    api().get("/api/environments/1/elements/"),
                    api().get("/api/environments/1/elements/" + element + "/"),
                    api().send("POST", "/api/environments/1/elements/", "{\"text\":\"during\"}"),
                    api().send("PATCH", "/api/environments/1/elements/" + element + "/", "{\"text\":\"during\"}")}) {
                assertThat(elements.status()).isEqualTo(503);
                assertThat(elements.json()).isEqualTo(Api.json(UNAVAILABLE));
            }
            Api.Reply unknownKey = api().withKey("phx_a_key_never_seen_before").get("/api/environments/1/elements/stats/");
            assertThat(unknownKey.status()).isEqualTo(503);
            assertThat(unknownKey.json()).isEqualTo(Api.json(UNAVAILABLE));
            Api.Reply health = api().withKey(null).get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("DOWN");
        } finally {
            CLICKHOUSE.server().start();
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> api().get("/api/environments/1/elements/stats/?date_from=-3d").status() == 200);
        Api.Reply health = api().withKey(null).get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).isEqualTo(Api.json("{\"status\":\"UP\",\"clickhouse\":\"UP\"}"));
        assertThat(api().get("/api/environments/1/elements/" + element + "/").json().get("text").asText()).isEqualTo("before");
    }
}
