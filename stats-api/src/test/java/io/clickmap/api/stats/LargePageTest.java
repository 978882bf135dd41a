package io.clickmap.api.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.Events;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.web.JsonResponses;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pages beyond a megabyte are sent as segments that share the cached element arrays; clients see the same JSON. */
@MicronautTest
class LargePageTest extends ServiceTest {
    private static final int CHAINS = 700;

    @BeforeAll
    void loadLongChains() {
        Events events = new Events();
        for (int i = 0; i < CHAINS; i++) {
            String chain = "a:href=\"/item/" + i + "\"nth-child=\"0\"nth-of-type=\"0\"text=\"" + "long text ".repeat(200) + i + "\";body:nth-child=\"0\"nth-of-type=\"0\"";
            events.click(1, "$autocapture", chain, "https://shop.example.com/", "2025-04-01T12:00:00Z").times(1 + i % 3);
        }
        events.insertInto(CLICKHOUSE);
    }

    @Test
    void aPageOfMoreThanAMegabyteArrivesWholeAndInOrder() {
        Api.Reply reply = api().get("/api/environments/1/elements/stats/?date_from=2025-04-01&date_to=2025-04-01&paginate_response=true&limit=690");
        assertThat(reply.body().length()).isGreaterThan(JsonResponses.STREAM_ABOVE_BYTES);
        assertThat(reply.header("Content-Type")).hasValue("application/json");
        assertThat(reply.header("Cache-Control")).hasValue("public, max-age=30");
        assertThat(reply.header("Server-Timing").orElseThrow()).contains("total;dur=");
        assertThat(reply.header("Content-Disposition")).isEmpty();

        JsonNode results = reply.json().get("results");
        assertThat(results).hasSize(690);
        assertThat(results.get(0).get("count").asInt()).isEqualTo(3);
        assertThat(results.get(689).get("count").asInt()).isEqualTo(1);
        assertThat(results.get(5).get("elements").get(0).get("text").asText()).startsWith("long text long text");
        assertThat(reply.json().get("next").asText()).endsWith("&offset=690");

        Api.Reply again = api().get("/api/projects/1/elements/stats?date_from=2025-04-01&date_to=2025-04-01&paginate_response=true&limit=690");
        assertThat(again.json().get("results")).isEqualTo(results);
    }
}
