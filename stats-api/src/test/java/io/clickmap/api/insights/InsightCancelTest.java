package io.clickmap.api.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.clickmap.api.auth.ApiKey;
import io.clickmap.api.auth.ApiKeySecrets;
import io.clickmap.api.auth.ApiKeyStore;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.environments.Environment;
import io.clickmap.api.environments.EnvironmentStore;
import io.clickmap.api.users.UserIds;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST …/insights/cancel/} against real slow computations: two million clicks in environment 3 and a weekly-active
 * count by hour over them take ClickHouse many seconds, long enough to watch the statement in {@code system.processes},
 * cancel it, and see it gone and the insight's computation report itself cancelled.
 */
@MicronautTest
class InsightCancelTest extends ServiceTest {
    private static final String SLOW = "/api/environments/3/insights/";
    private static final String SLOW_QUERY = "{\"kind\":\"TrendsQuery\",\"series\":[{\"kind\":\"EventsNode\",\"event\":\"$autocapture\","
            + "\"math\":\"weekly_active\"}],\"interval\":\"hour\",\"dateRange\":{\"date_from\":\"2021-01-01\",\"date_to\":\"2021-02-28\"}}";
    private static final String READER = "phx_cancel_reader_abcdef012345";
    private static final String ELEMENTS_ONLY = "phx_cancel_elements_abcdef012345";

    @Inject
    EnvironmentStore environments;

    @Inject
    ApiKeyStore keys;

    @BeforeAll
    void storeManyClicks() {
        environments.save(new Environment(3, "Slow", "phc_slow", Instant.now()));
        keys.save(new ApiKey("reader", "reader", UserIds.BOOTSTRAP, List.of(Scopes.INSIGHT_READ), false, List.of(3L), Instant.now(), false),
                ApiKeySecrets.hash(READER));
        keys.save(new ApiKey("elements", "elements", UserIds.BOOTSTRAP, List.of(Scopes.ELEMENT_READ), false, List.of(3L), Instant.now(), false),
                ApiKeySecrets.hash(ELEMENTS_ONLY));
        CLICKHOUSE.sql("INSERT INTO events_landing (uuid, team_id, event, timestamp, distinct_id, current_url, elements_chain, properties, "
                + "property_keys, property_values, kafka_topic, kafka_partition, kafka_offset) SELECT generateUUIDv4(), 3, '$autocapture', "
                + "toDateTime('2021-01-01 00:00:00', 'UTC') + number % 5000000, concat('u', toString(number % 50000)), 'https://slow.example.com/', "
                + "'', '{}', [], [], 'slow', 0, number FROM system.numbers LIMIT 2000000");
    }

    /** A new insight over the two million clicks (its own query, so no other test's result is cached for it). */
    private long slowInsight() {
        String query = SLOW_QUERY.replace("\"math\"", "\"custom_name\":\"" + UUID.randomUUID() + "\",\"math\"");
        return api().send("POST", SLOW, "{\"name\":\"slow\",\"query\":" + query + "}").json().get("id").asLong();
    }

    private long running(String queryIdPrefix) {
        return Long.parseLong(scalar("SELECT count() FROM system.processes WHERE startsWith(query_id, '" + queryIdPrefix + "')"));
    }

    private void awaitRunning(String queryIdPrefix) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> running(queryIdPrefix) > 0);
    }

    private static String body(String clientQueryId) {
        return "{\"client_query_id\":\"" + clientQueryId + "\"}";
    }

    @Test
    void aCancelKillsTheRunningStatementsAndTheInsightSaysItsComputationWasCancelled() {
        long id = slowInsight();
        String clientQueryId = "slow-" + UUID.randomUUID();
        assertThat(api().get(SLOW + id + "/?refresh=force_async&client_query_id=" + clientQueryId).status()).isEqualTo(200);
        awaitRunning("3:" + clientQueryId + "-");

        Api.Reply cancelled = api().send("POST", SLOW + "cancel/", body(clientQueryId));

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(201);
        assertThat(cancelled.body()).isEmpty();
        assertThat(running("3:" + clientQueryId + "-")).as("killed before the answer").isZero();
        JsonNode status = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> api().get(SLOW + id + "/").json().get("query_status"), now -> now.path("complete").asBoolean());
        assertThat(status.get("id").asText()).isEqualTo(clientQueryId);
        assertThat(status.get("error").asBoolean()).isTrue();
        assertThat(status.get("error_message").asText()).isEqualTo("The computation " + clientQueryId + " was cancelled.");
        assertThat(api().get(SLOW + id + "/").json().get("result").isNull()).isTrue();
    }

    @Test
    void aBlockingRequestWhoseComputationIsCancelledAnswers400QueryCancelled() {
        long id = slowInsight();
        String clientQueryId = "blocking-" + UUID.randomUUID();
        CompletableFuture<Api.Reply> waiting = CompletableFuture.supplyAsync(
                () -> api().get("/api/projects/3/insights/" + id + "/?refresh=blocking&client_query_id=" + clientQueryId));
        awaitRunning("3:" + clientQueryId + "-");

        assertThat(api().send("POST", "/api/projects/3/insights/cancel", body(clientQueryId)).status()).isEqualTo(201);

        Api.Reply answer = waiting.join();
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json()).isEqualTo(Api.json("{\"type\":\"validation_error\",\"code\":\"query_cancelled\",\"detail\":\"The computation "
                + clientQueryId + " was cancelled.\",\"attr\":null}"));
    }

    @Test
    void anotherEnvironmentsCancelOfTheSameIdLeavesTheComputationRunning() {
        long id = slowInsight();
        String clientQueryId = "shared-" + UUID.randomUUID();
        api().get(SLOW + id + "/?refresh=force_async&client_query_id=" + clientQueryId);
        awaitRunning("3:" + clientQueryId + "-");

        assertThat(api().send("POST", "/api/environments/1/insights/cancel/", body(clientQueryId)).status()).isEqualTo(201);
        assertThat(api().send("POST", "/api/projects/1/insights/cancel/", body(clientQueryId.substring(0, 10))).status()).isEqualTo(201);
        assertThat(api().send("POST", SLOW + "cancel/", body(clientQueryId.substring(0, clientQueryId.length() - 1))).status())
                .as("a prefix of the id names another computation").isEqualTo(201);

        assertThat(running("3:" + clientQueryId + "-")).as("still running").isPositive();
        assertThat(api().get(SLOW + id + "/").json().get("query_status").get("complete").asBoolean()).isFalse();
        assertThat(api().withKey(READER).send("POST", SLOW + "cancel", body(clientQueryId)).status()).isEqualTo(201);
        assertThat(running("3:" + clientQueryId + "-")).isZero();
    }

    @Test
    void aListRowsComputationIsCancelledByTheListsClientQueryId() {
        long id = slowInsight();
        String shortId = api().get(SLOW + id + "/").json().get("short_id").asText();
        String clientQueryId = "list-" + UUID.randomUUID();
        api().get(SLOW + "?short_id=" + shortId + "&refresh=force_async&client_query_id=" + clientQueryId);
        awaitRunning("3:" + clientQueryId + "-" + id + "-");

        assertThat(api().send("POST", SLOW + "cancel/", body(clientQueryId)).status()).isEqualTo(201);

        assertThat(running("3:" + clientQueryId + "-")).isZero();
    }

    @Test
    void anIdThatNamesNothingRunningIsStill201AndReachesClickHouseOnlyAsALiteral() {
        for (String id : List.of("never-started", "x'; KILL QUERY WHERE 1 --", "50%_\\\\", "ünïcode")) {
            Api.Reply reply = api().send("POST", SLOW + "cancel/", body(id));
            assertThat(reply.status()).as(id + ": " + reply.body()).isEqualTo(201);
        }
    }

    @Test
    void aMissingBlankOrNonStringIdIs400NamingIt() {
        for (String body : List.of("{}", "{\"client_query_id\":null}", "{\"client_query_id\":\"\"}", "{\"client_query_id\":\"   \"}",
                "{\"client_query_id\":42}", "{\"client_query_id\":[\"a\"]}", body("x".repeat(Refresh.MAX_CLIENT_QUERY_ID + 1)))) {
            Api.Reply refused = api().send("POST", SLOW + "cancel/", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().get("attr").asText()).as(body).isEqualTo("client_query_id");
        }
        assertThat(api().send("POST", SLOW + "cancel/").status()).as("no body at all").isEqualTo(400);
        assertThat(api().send("POST", SLOW + "cancel/", "[]").json().get("attr").isNull()).isTrue();
        assertThat(api().send("POST", SLOW + "cancel/", body("x".repeat(Refresh.MAX_CLIENT_QUERY_ID))).status()).isEqualTo(201);
    }

    @Test
    void cancellingNeedsInsightReadAndItsOtherMethodsAre405AfterTheKey() {
        assertThat(api().withKey(null).send("POST", SLOW + "cancel/", body("a")).status()).isEqualTo(401);
        Api.Reply denied = api().withKey(ELEMENTS_ONLY).send("POST", SLOW + "cancel/", body("a"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("detail").asText()).isEqualTo("This API key lacks the scope insight:read.");
        assertThat(api().withKey(READER).send("POST", "/api/environments/1/insights/cancel/", body("a")).status()).as("not its environment")
                .isEqualTo(403);
        for (String method : List.of("GET", "PATCH", "PUT", "DELETE")) {
            assertThat(api().withKey(null).send(method, SLOW + "cancel/").status()).as(method).isEqualTo(401);
            Api.Reply notAllowed = api().withKey(READER).send(method, "/api/projects/3/insights/cancel/");
            assertThat(notAllowed.status()).as(method).isEqualTo(405);
            assertThat(notAllowed.json().get("detail").asText()).isEqualTo("Method \"" + method + "\" not allowed.");
        }
    }
}
