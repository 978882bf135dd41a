package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.Events;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each {@code refresh} mode of an insight's trend on the real ClickHouse: what is computed when, what is served
 * from the results cache, and the bound on computations running at once (one here, so a second is a 429).
 */
@MicronautTest
class TrendsRefreshTest extends ServiceTest {
    private static final String INSIGHTS = "/api/environments/1/insights/";
    private static final String CHAIN = "button.buy:nth-child=\"1\"nth-of-type=\"1\"text=\"Buy\"";
    private static final String DAILY = "{\"kind\":\"InsightVizNode\",\"source\":{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\","
            + "\"event\":\"$autocapture\"}],\"dateRange\":{\"date_from\":\"2021-03-01\",\"date_to\":\"2021-03-07\"}}}";

    @Override
    protected Map<String, String> settings() {
        return Map.of("clickmap.trends-concurrency", "1");
    }

    @Inject
    EnvironmentStore environments;

    @BeforeAll
    void storeEvents() {
        environments.save(new Environment(3, "Slow", "phc_slow", Instant.now()));
        Events events = new Events();
        events.click(1, "$autocapture", CHAIN, "https://shop.example.com/", "2021-03-02T10:00:00Z").times(3);
        events.click(1, "$autocapture", CHAIN, "https://shop.example.com/", "2021-03-05T10:00:00Z").times(2);
        events.insertInto(CLICKHOUSE);
        // Environment 3's two million clicks by 50,000 users make one computation take seconds.
        CLICKHOUSE.sql("INSERT INTO events_landing (uuid, team_id, event, timestamp, distinct_id, current_url, elements_chain, properties, "
                + "property_keys, property_values, kafka_topic, kafka_partition, kafka_offset) SELECT generateUUIDv4(), 3, '$autocapture', "
                + "toDateTime('2021-01-01 00:00:00', 'UTC') + number % 5000000, concat('u', toString(number % 50000)), 'https://slow.example.com/', "
                + "'', '{}', [], [], 'slow', 0, number FROM system.numbers LIMIT 2000000");
    }

    private long create(String query) {
        return api().send("POST", INSIGHTS, "{\"name\":\"refresh\",\"query\":" + query + "}").json().get("id").asLong();
    }

    private JsonNode get(long id, String query) {
        Api.Reply reply = api().get(INSIGHTS + id + "/" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static String unique() {
        // Each test its own query, so results cached by another test are not this one's.
        return DAILY.replace("}]", ",\"custom_name\":\"" + UUID.randomUUID() + "\"}]");
    }

    @Test
    void blockingComputesOnceAndThenServesTheFreshResult() {
        long id = create(unique());

        JsonNode first = get(id, "?refresh=blocking");
        JsonNode second = get(id, "?refresh=blocking");

        assertThat(first.get("is_cached").asBoolean()).isFalse();
        assertThat(first.get("result").get(0).get("count").asLong()).isEqualTo(5);
        assertThat(second.get("is_cached").asBoolean()).isTrue();
        assertThat(second.get("last_refresh")).isEqualTo(first.get("last_refresh"));
        assertThat(Instant.parse(second.get("cache_target_age").asText()))
                .isEqualTo(Instant.parse(first.get("last_refresh").asText()).plus(Duration.ofHours(6)));
        assertThat(Instant.parse(second.get("next_allowed_client_refresh").asText()))
                .as("a window of 7 days").isEqualTo(Instant.parse(first.get("last_refresh").asText()).plus(Duration.ofMinutes(3)));
    }

    @Test
    void forceBlockingAndTrueAlwaysComputeWhileFalseAndUnknownModesNeverDo() {
        long id = create(unique());
        assertThat(get(id, "?refresh=false").get("result").isNull()).isTrue();
        assertThat(get(id, "?refresh=sometimes").get("result").isNull()).isTrue();

        JsonNode computed = get(id, "?refresh=true");
        assertThat(computed.get("is_cached").asBoolean()).isFalse();
        JsonNode again = get(id, "?refresh=force_blocking");
        assertThat(again.get("is_cached").asBoolean()).isFalse();
        assertThat(Instant.parse(again.get("last_refresh").asText())).isAfterOrEqualTo(Instant.parse(computed.get("last_refresh").asText()));
        assertThat(get(id, "?refresh=").get("is_cached").asBoolean()).as("empty means force_blocking").isFalse();

        Api.Reply plain = api().get(INSIGHTS + id + "/");
        assertThat(plain.json().get("is_cached").asBoolean()).isTrue();
        assertThat(plain.header("Server-Timing").orElseThrow()).as("no computation: only the insight and its alerts are read").contains("desc=\"2 queries\"");
    }

    @Test
    void asyncAnswersAtOnceAndALaterRequestGetsTheFinishedResult() {
        long id = create(unique());
        String clientQueryId = "dashboard-" + UUID.randomUUID();

        JsonNode started = get(id, "?refresh=async&client_query_id=" + clientQueryId);
        assertThat(started.get("result").isNull()).isTrue();
        JsonNode status = started.get("query_status");
        assertThat(status.get("id").asText()).isEqualTo(clientQueryId);
        assertThat(status.get("query_async").asBoolean()).isTrue();
        assertThat(status.get("complete").asBoolean()).isFalse();
        assertThat(status.get("start_time").asText()).endsWith("Z");

        JsonNode served = awaitResult(id);
        assertThat(served.get("result").get(0).get("count").asLong()).isEqualTo(5);
        assertThat(served.get("is_cached").asBoolean()).isTrue();
        assertThat(get(id, "?refresh=async").get("query_status").isNull()).as("fresh: nothing started").isTrue();
    }

    @Test
    void asyncExceptOnCacheMissComputesAMissNow() {
        long id = create(unique());

        JsonNode computed = get(id, "?refresh=async_except_on_cache_miss");

        assertThat(computed.get("is_cached").asBoolean()).isFalse();
        assertThat(computed.get("result").get(0).get("count").asLong()).isEqualTo(5);
    }

    @Test
    void forceAsyncStartsAComputationEvenWhenTheResultIsFresh() {
        long id = create(unique());
        JsonNode computed = get(id, "?refresh=blocking");

        JsonNode started = get(id, "?refresh=force_async");

        assertThat(started.get("result")).as("the cached result meanwhile").isEqualTo(computed.get("result"));
        assertThat(started.get("query_status").get("query_async").asBoolean()).isTrue();
        awaitIdle(id);
    }

    @Test
    void theSameQuerySharesItsCacheWhateverTheOrderOfItsKeys() {
        String query = unique();
        long first = create(query);
        String reordered = query.replace("{\"kind\":\"TrendsQuery\",\"series\":", "{\"series\":").replace("\"dateRange\"", "\"kind\":\"TrendsQuery\",\"dateRange\"");
        long second = create(reordered);

        JsonNode computed = get(first, "?refresh=blocking");
        JsonNode shared = get(second, "");

        assertThat(shared.get("filters_hash")).isEqualTo(computed.get("filters_hash"));
        assertThat(shared.get("is_cached").asBoolean()).isTrue();
        assertThat(shared.get("result")).isEqualTo(computed.get("result"));
    }

    @Test
    void aListComputesItsRowsWhenAskedAndOtherwiseShowsWhatIsCached() {
        long id = create(unique());
        String shortId = get(id, "").get("short_id").asText();

        JsonNode cached = api().get(INSIGHTS + "?short_id=" + shortId).json().get("results").get(0);
        JsonNode computed = api().get(INSIGHTS + "?short_id=" + shortId + "&refresh=blocking").json().get("results").get(0);

        assertThat(cached.get("result").isNull()).isTrue();
        assertThat(computed.get("result").get(0).get("count").asLong()).isEqualTo(5);
        assertThat(api().get(INSIGHTS + "?short_id=" + shortId).json().get("results").get(0).get("is_cached").asBoolean()).isTrue();
    }

    @Test
    void eachRowOfAListComputesUnderItsOwnQueryId() {
        long id = create(unique());
        String shortId = get(id, "").get("short_id").asText();

        JsonNode row = api().get(INSIGHTS + "?short_id=" + shortId + "&refresh=force_async&client_query_id=listing").json().get("results").get(0);

        assertThat(row.get("query_status").get("id").asText()).as("one ClickHouse query id cannot run twice at once").isEqualTo("listing-" + id);
        awaitIdle(id);
    }

    @Test
    void aBadClientQueryIdIsRefusedNamingIt() {
        long id = create(unique());

        Api.Reply refused = api().get(INSIGHTS + id + "/?refresh=blocking&client_query_id=x%27%3B%20KILL");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("attr").asText()).isEqualTo("client_query_id");
        assertThat(api().get(INSIGHTS + "987654321/?refresh=blocking&client_query_id=x%27").status()).as("the insight before the parameters").isEqualTo(404);
    }

    @Test
    void aComputationBeyondTheEnvironmentsLimitIsThrottled() {
        String slow = "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\",\"math\":\"weekly_active\"}],"
                + "\"interval\":\"hour\",\"dateRange\":{\"date_from\":\"2021-01-01\",\"date_to\":\"2021-02-28\"}}";
        long slowId = api().send("POST", "/api/environments/3/insights/", "{\"name\":\"slow\",\"query\":" + slow + "}").json().get("id").asLong();
        long otherId = api().send("POST", "/api/environments/3/insights/", "{\"name\":\"other\",\"query\":" + slow.replace("hour", "day") + "}")
                .json().get("id").asLong();
        String clientQueryId = "slow-" + UUID.randomUUID();
        try {
            Api.Reply started = api().get("/api/environments/3/insights/" + slowId + "/?refresh=force_async&client_query_id=" + clientQueryId);
            assertThat(started.status()).as(started.body()).isEqualTo(200);

            Api.Reply throttled = api().get("/api/environments/3/insights/" + otherId + "/?refresh=blocking");

            assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
            assertThat(throttled.json()).isEqualTo(Api.json("{\"type\":\"throttled_error\",\"code\":\"throttled\","
                    + "\"detail\":\"Request was throttled. Expected available in 1 second.\",\"attr\":null}"));
            assertThat(api().get(INSIGHTS + create(unique()) + "/?refresh=blocking").status()).as("another environment's own limit").isEqualTo(200);
        } finally {
            // Statements run as <environment>:<client_query_id>-<n>.
            CLICKHOUSE.sql("KILL QUERY WHERE query_id LIKE '3:" + clientQueryId + "-%' SYNC");
        }
    }

    private JsonNode awaitResult(long id) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> get(id, ""), insight -> !insight.get("result").isNull());
    }

    private void awaitIdle(long id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> get(id, "").get("query_status").isNull());
    }
}
