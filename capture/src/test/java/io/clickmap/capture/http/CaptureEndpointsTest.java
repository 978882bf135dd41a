package io.clickmap.capture.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.capture.CaptureServiceTest;
import io.clickmap.capture.TopicReader;
import io.clickmap.capture.config.CaptureLimits;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a client sees of capture and what lands on the topic: every capture path and body form is answered
 * {@code {"status":1}} with its events on Kafka exactly once; each refusal is PostHog-shaped JSON and leaves
 * nothing on Kafka. The topic is read at the end, once, so every test's events are checked together.
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaptureEndpointsTest extends CaptureServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<String> acceptedUuids = new ArrayList<>();
    private final List<String> refusedUuids = new ArrayList<>();

    @Inject
    HttpServerConfiguration serverConfiguration;

    @Test
    @Order(1)
    void posthogJsBatchesGzippedWithoutAQueryAreAcceptedOnceKafkaHasThem() throws Exception {
        String body = "[" + click("user-1") + "," + click("user-2") + "]";
        HttpResponse<String> response = post("/e/?ver=1.449.2&_=" + System.currentTimeMillis(), "text/plain", gzip(body), "https://shop.example");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"status\":1}"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
    }

    @Test
    @Order(2)
    void everyCapturePathWithAndWithoutTheSlashTakesEvents() throws Exception {
        for (String path : List.of("/e", "/e/", "/i/v0/e", "/i/v0/e/", "/capture", "/capture/", "/batch", "/batch/")) {
            HttpResponse<String> response = post(path, "application/json", click("path-user").getBytes(StandardCharsets.UTF_8), null);
            assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        }
        String serverSdkBatch = "{\"api_key\":\"" + TOKEN + "\",\"batch\":[{\"event\":\"$autocapture\",\"distinct_id\":\"server\",\"uuid\":\""
                + uuid(true) + "\",\"properties\":{}}]}";
        assertThat(post("/batch/", "application/json", serverSdkBatch.getBytes(StandardCharsets.UTF_8), null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void refusalsArePostHogShapedAndCountedByReason() throws Exception {
        assertRefused(post("/e/", "application/json", click("u").replace(TOKEN, "phc_nobody").replace(takeBackLastAccepted(), uuid(false))
                .getBytes(StandardCharsets.UTF_8), null), 401, "{\"type\":\"authentication_error\",\"code\":\"invalid_api_key\","
                + "\"detail\":\"Project API key invalid. No environment has this project token.\",\"attr\":null}");
        assertRefused(post("/e/?compression=gzip-js", "text/plain", "not gzip".getBytes(StandardCharsets.UTF_8), null), 400,
                "{\"type\":\"validation_error\",\"code\":\"invalid_payload\",\"detail\":\"compression=gzip-js was given but the body is not gzip.\",\"attr\":null}");
        byte[] bomb = gzip("[" + " ".repeat(CaptureLimits.MAX_DECODED_BYTES) + "]");
        assertRefused(post("/e/", "text/plain", bomb, null), 413, "{\"type\":\"validation_error\",\"code\":\"payload_too_large\","
                + "\"detail\":\"The decoded body exceeds 16777216 bytes.\",\"attr\":null}");
        byte[] tooLong = new byte[CaptureLimits.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(tooLong, (byte) ' ');
        assertRefused(post("/e/", "application/json", tooLong, null), 413, "{\"type\":\"validation_error\",\"code\":\"payload_too_large\","
                + "\"detail\":\"The body exceeds 4194304 bytes as sent.\",\"attr\":null}");
        // the next event of a request refused because of another event must not reach Kafka either
        String mixed = "[" + click("half").replace(takeBackLastAccepted(), uuid(false)) + ",{\"event\":\"$autocapture\",\"properties\":{\"token\":\"" + TOKEN + "\"}}]";
        assertRefused(post("/e/", "application/json", mixed.getBytes(StandardCharsets.UTF_8), null), 400,
                "{\"type\":\"validation_error\",\"code\":\"invalid_payload\",\"detail\":\"Event 1 has no distinct_id (a non-empty string) at the top or in its properties.\",\"attr\":null}");

        String metrics = get("/metrics").body();
        assertThat(metrics).contains("clickmap_capture_requests_rejected_total{reason=\"unknown_token\"} 1",
                "clickmap_capture_requests_rejected_total{reason=\"undecodable\"} 1",
                "clickmap_capture_requests_rejected_total{reason=\"decoded_too_large\"} 1",
                "clickmap_capture_requests_rejected_total{reason=\"body_too_large\"} 1",
                "clickmap_capture_requests_rejected_total{reason=\"invalid_event\"} 1",
                "clickmap_capture_events_accepted_total " + acceptedUuids.size());
    }

    @Test
    @Order(3)
    void pagesOnOtherOriginsArePreflightedAndHealthSaysKafkaIsUp() throws Exception {
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/e/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://blog.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://blog.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");

        for (String path : List.of("/_health", "/health")) {
            HttpResponse<String> health = get(path);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(health.body())).isEqualTo(JSON.readTree("{\"status\":\"UP\",\"kafka\":\"UP\"}"));
        }
        assertThat(serverConfiguration.getMaxRequestSize()).as("application.yml's max-request-size").isEqualTo(CaptureLimits.MAX_BODY_BYTES);
    }

    @Test
    @Order(4)
    void zipBombsArrivingTogetherAreRefusedAndCaptureGoesOn() throws Exception {
        byte[] bomb = gzip("[" + " ".repeat(CaptureLimits.MAX_DECODED_BYTES) + "]");
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            answers.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.getURL() + "/e/")).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bomb)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (var answer : answers) {
            assertThat(answer.get().statusCode()).as(answer.get().body()).isIn(413, 503);
        }
        HttpResponse<String> after = post("/e/", "application/json", click("after-bombs").getBytes(StandardCharsets.UTF_8), null);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void theSdksSetUpCallsTurnOnAutocaptureAndDeadClicksAndAnswerNoFlags() throws Exception {
        JsonNode config = JSON.readTree(get("/array/" + TOKEN + "/config").body());
        assertThat(config.get("autocapture_opt_out").asBoolean(true)).isFalse();
        assertThat(config.get("captureDeadClicks").asBoolean()).isTrue();
        assertThat(config.get("elementsChainAsString").asBoolean()).isTrue();
        assertThat(config.get("supportedCompression")).isEqualTo(JSON.readTree("[\"gzip-js\",\"base64\"]"));

        HttpResponse<String> script = get("/array/" + TOKEN + "/config.js");
        assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("application/javascript");
        assertThat(script.body()).isEqualTo("(function(){var c=window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{};c[\"" + TOKEN
                + "\"]={config:" + JSON.writeValueAsString(config) + ",siteApps:[]};})();\n");

        String asked = java.util.Base64.getEncoder().encodeToString(("{\"token\":\"" + TOKEN + "\",\"distinct_id\":\"u\"}").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> flags = post("/flags/?v=2&compression=base64", "application/x-www-form-urlencoded",
                ("data=" + java.net.URLEncoder.encode(asked, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), "https://shop.example");
        assertThat(flags.statusCode()).as(flags.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(flags.body());
        assertThat(answer.get("requestId").asText()).matches("[0-9a-f-]{36}");
        ((com.fasterxml.jackson.databind.node.ObjectNode) answer).remove("requestId");
        assertThat(answer).isEqualTo(JSON.readTree("{\"featureFlags\":{},\"featureFlagPayloads\":{},\"flags\":{},"
                + "\"errorsWhileComputingFlags\":false,\"quotaLimited\":[]}"));

        assertRefused(get("/array/phc_nobody/config.js"), 401, "{\"type\":\"authentication_error\",\"code\":\"invalid_api_key\","
                + "\"detail\":\"Project API key invalid. No environment has this project token.\",\"attr\":null}");
        assertRefused(post("/flags/?v=2", "application/json", "{\"distinct_id\":\"u\"}".getBytes(StandardCharsets.UTF_8), null), 401,
                "{\"type\":\"authentication_error\",\"code\":\"missing_api_key\",\"detail\":\"API key not provided. Send the project token as "
                        + "properties.token or api_key.\",\"attr\":null}");
    }

    @Test
    @Order(5)
    void theTopicHoldsEveryAcceptedEventOnceKeyedByDistinctIdAndNothingRefused() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(3));
        List<String> stored = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode envelope = JSON.readTree(record.value());
            stored.add(envelope.get("uuid").asText());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(envelope.get("distinct_id").asText());
            assertThat(envelope.get("token").asText()).isEqualTo(TOKEN);
            assertThat(JSON.readTree(envelope.get("data").asText()).get("event").asText()).isEqualTo("$autocapture");
        }
        assertThat(stored).containsExactlyInAnyOrderElementsOf(acceptedUuids).doesNotContainAnyElementsOf(refusedUuids);
    }

    private String click(String distinctId) {
        return "{\"uuid\":\"" + uuid(true) + "\",\"event\":\"$autocapture\",\"properties\":{\"token\":\"" + TOKEN + "\",\"distinct_id\":\""
                + distinctId + "\",\"$current_url\":\"https://shop.example/\",\"$elements_chain\":\"button.buy:nth-child=\\\"1\\\"nth-of-type=\\\"1\\\"\"}}";
    }

    /** A new uuid, remembered as one that must reach Kafka (accepted) or must not (refused). */
    private String uuid(boolean accepted) {
        String uuid = UUID.randomUUID().toString();
        (accepted ? acceptedUuids : refusedUuids).add(uuid);
        return uuid;
    }

    /** The uuid just handed out as accepted, no longer expected on Kafka: the caller replaces it with a refused one. */
    private String takeBackLastAccepted() {
        return acceptedUuids.remove(acceptedUuids.size() - 1);
    }

    private void assertRefused(HttpResponse<String> response, int status, String body) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(body));
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
