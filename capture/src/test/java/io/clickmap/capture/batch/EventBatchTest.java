package io.clickmap.capture.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.capture.config.CaptureLimits;
import io.clickmap.capture.errors.Rejection;
import io.clickmap.event.ConfiguredEnvironments;
import io.clickmap.event.EventReader;
import io.clickmap.event.ReadResult;
import io.clickmap.event.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The three body shapes become envelopes ingest reads back to the events sent; one bad event refuses them all. */
class EventBatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:05Z");
    private static final Arrival ARRIVAL = new Arrival("203.0.113.7", "http://localhost:8010", NOW, Instant.parse("2026-12-01T10:00:00Z"));
    private static final Predicate<String> SHOP_ONLY = "phc_shop"::equals;
    private static final String CLICK = "{\"uuid\":\"0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7e\",\"event\":\"$autocapture\",\"timestamp\":\"2026-12-01T09:59:58Z\","
            + "\"properties\":{\"token\":\"phc_shop\",\"distinct_id\":\"user-1\",\"$current_url\":\"https://shop.example/cart\","
            + "\"$elements_chain\":\"button.buy:nth-child=\\\"1\\\"nth-of-type=\\\"1\\\"text=\\\"Buy\\\"\"}}";

    @Test
    void anEventBecomesTheEnvelopeIngestReadsWithTheEventKeptAsSent() throws Exception {
        List<CapturedEvent> events = EventBatch.read(bytes(CLICK), ARRIVAL, SHOP_ONLY);

        assertThat(events).hasSize(1);
        assertThat(new String(events.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("user-1");
        JsonNode envelope = JSON.readTree(events.get(0).envelope());
        assertThat(envelope).isEqualTo(JSON.readTree("{\"uuid\":\"0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7e\",\"distinct_id\":\"user-1\","
                + "\"ip\":\"203.0.113.7\",\"site_url\":\"http://localhost:8010\",\"now\":\"2026-12-01T10:00:05Z\","
                + "\"sent_at\":\"2026-12-01T10:00:00Z\",\"token\":\"phc_shop\",\"data\":" + JSON.writeValueAsString(JSON.readTree(CLICK).toString()) + "}"));

        ReadResult read = new EventReader(new ConfiguredEnvironments(Map.of(1L, "phc_shop"))).read(events.get(0).envelope(), new Source("clickmap_events", 0, 0, NOW.toEpochMilli()));
        assertThat(read).isInstanceOfSatisfying(ReadResult.Accepted.class, accepted -> {
            assertThat(accepted.event().teamId()).isEqualTo(1);
            assertThat(accepted.event().distinctId()).isEqualTo("user-1");
            assertThat(accepted.event().elementsChain()).isEqualTo("button.buy:nth-child=\"1\"nth-of-type=\"1\"text=\"Buy\"");
            // the client's clock ran 5 s behind: sent_at 10:00:00 arrived at 10:00:05
            assertThat(accepted.event().timestamp()).isEqualTo(Instant.parse("2026-12-01T10:00:03Z"));
        });
    }

    @Test
    void anArrayAndABatchObjectCarryTheirEventsInOrder() throws Exception {
        String second = CLICK.replace("0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7e", "0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7f").replace("user-1", "user-2");
        assertThat(distinctIds(EventBatch.read(bytes("[" + CLICK + "," + second + "]"), ARRIVAL, SHOP_ONLY))).containsExactly("user-1", "user-2");

        String batch = "{\"api_key\":\"phc_shop\",\"sent_at\":\"2026-12-01T09:00:00Z\",\"batch\":["
                + "{\"event\":\"$pageview\",\"distinct_id\":\"server-user\",\"properties\":{}}," + second + "]}";
        List<CapturedEvent> events = EventBatch.read(bytes(batch), ARRIVAL, SHOP_ONLY);
        assertThat(distinctIds(events)).containsExactly("server-user", "user-2");
        JsonNode first = JSON.readTree(events.get(0).envelope());
        assertThat(first.get("token").asText()).as("the batch's api_key").isEqualTo("phc_shop");
        assertThat(first.get("sent_at").asText()).as("the batch's sent_at wins over the query's").isEqualTo("2026-12-01T09:00:00Z");
        assertThat(first.get("uuid").asText()).as("a uuid is given to an event without one").matches("[0-9a-f-]{36}");
    }

    @Test
    void anEventsOwnTokenWinsOverTheBatchsAndEveryTokenIsChecked() {
        String batch = "{\"api_key\":\"phc_shop\",\"batch\":[" + CLICK.replace("\"token\":\"phc_shop\"", "\"token\":\"phc_other\"") + "]}";

        assertRefused(batch, 401, "unknown_token", "Project API key invalid. No environment has this project token.");
    }

    @Test
    void eachWayAnEventCanBeWrongRefusesTheWholeRequest() {
        assertRefused("[" + CLICK + ",{\"event\":\"$autocapture\",\"properties\":{\"distinct_id\":\"u\"}}]", 401, "no_token",
                "API key not provided. Send the project token as properties.token or api_key.");
        assertRefused(CLICK.replace("\"distinct_id\":\"user-1\",", ""), 400, "invalid_event",
                "Event 0 has no distinct_id (a non-empty string) at the top or in its properties.");
        assertRefused(CLICK.replace("\"event\":\"$autocapture\",", ""), 400, "invalid_event", "Event 0 has no event name.");
        assertRefused(CLICK.replace("0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7e", "not-a-uuid"), 400, "invalid_event",
                "Event 0: uuid must be a UUID such as 0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7e.");
        assertRefused(CLICK.replace("user-1", "u".repeat(EventReader.MAX_DISTINCT_ID_LENGTH + 1)), 400, "invalid_event",
                "Event 0: distinct_id is longer than 200 characters.");
        assertRefused("[" + CLICK + ",42]", 400, "invalid_event", "Event 1 is not a JSON object.");
        assertRefused("[]", 400, "invalid_event", "The body holds no events.");
        assertRefused("\"text\"", 400, "undecodable", "The body must be a JSON event, an array of events or {\"batch\": [...]}.");
        assertRefused("[" + CLICK + "] trailing", 400, "undecodable", "The body is not valid JSON");
        assertRefused("{\"batch\":[" + CLICK + "],\"sent_at\":\"yesterday\"}", 400, "invalid_event",
                "sent_at must be an ISO-8601 instant, not 'yesterday'.");
    }

    @Test
    void tooManyEventsOrAnEventTooLargeForKafkaAreRefusedAsTooLarge() {
        String many = "[" + String.join(",", java.util.Collections.nCopies(CaptureLimits.MAX_EVENTS + 1, CLICK)) + "]";
        assertRefused(many, 413, "too_many_events", "A request may carry at most 5000 events.");

        String huge = CLICK.replace("\"$current_url\"", "\"padding\":\"" + "x".repeat(CaptureLimits.MAX_EVENT_BYTES) + "\",\"$current_url\"");
        assertRefused(huge, 413, "event_too_large", "Event 0 takes ");
    }

    @Test
    void bodiesBeyondTheMemoryForConvertingThemWaitThenAreAnswered503AndTheShareIsGivenBack() throws Exception {
        String one = "[" + CLICK + "]";
        int share = CaptureLimits.CONVERTING_BYTES_PER_BODY_BYTE * bytes(one).length;
        // others are converting all but less than this body's share
        int held = CaptureLimits.MAX_CONVERTING_BYTES - share + 1;
        EventBatch.CONVERTING.with(held, () -> {
            assertRefused(one, 503, "overloaded", "Capture is converting as many bodies as its memory allows; retry shortly.");
            return null;
        });
        assertThat(EventBatch.read(bytes(one), ARRIVAL, SHOP_ONLY)).hasSize(1);
        assertThat(EventBatch.CONVERTING.available()).isEqualTo(CaptureLimits.MAX_CONVERTING_BYTES);
    }

    private static void assertRefused(String body, int status, String reason, String detail) {
        assertThatThrownBy(() -> EventBatch.read(bytes(body), ARRIVAL, SHOP_ONLY)).isInstanceOfSatisfying(Rejection.class, rejection -> {
            assertThat(rejection.status().getCode()).isEqualTo(status);
            assertThat(rejection.reason()).isEqualTo(reason);
            assertThat(rejection.error().detail()).startsWith(detail);
        });
    }

    private static List<String> distinctIds(List<CapturedEvent> events) {
        return events.stream().map(event -> new String(event.key(), StandardCharsets.UTF_8)).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
