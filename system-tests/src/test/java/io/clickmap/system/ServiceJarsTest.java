package io.clickmap.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.chain.ChainEncoder;
import io.clickmap.chain.Element;
import io.clickmap.local.Ports;
import io.clickmap.testing.ClickHouseExtension;
import io.clickmap.testing.KafkaExtension;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged jars, started the way the Dockerfile starts them ({@code java $JAVA_OPTS -jar} on the
 * jar it copies into the image) and configured by environment variables as docker-compose does: the
 * stats API's jar as service and as administration CLI, ingest's jar reading what the load
 * generator's jar sends to Kafka directly and through capture's jar. A class or resource missing from a jar fails here, not in an operator's hands.
 */
class ServiceJarsTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BOOTSTRAP_KEY = "phx_service_jars_bootstrap_key";
    private static final String ALL_CLICKS = "[\"$autocapture\",\"$rageclick\",\"$dead_click\"]";
    private static final int EVENTS = 600;

    @Test
    void theJarsStoreServeAndAdministerClicksAndStopCleanlyOnSigterm() throws Exception {
        String topic = KAFKA.newTopic("jars", 2);
        int apiPort = Ports.free();
        int ingestPort = Ports.free();
        Map<String, String> clickHouse = Map.of("CLICKHOUSE_URL", CLICKHOUSE.url(), "CLICKHOUSE_DATABASE", CLICKHOUSE.database(),
                "CLICKHOUSE_USER", CLICKHOUSE.user(), "CLICKHOUSE_PASSWORD", CLICKHOUSE.password());

        try (ChildProcess api = PackagedJar.startHealthy("stats-api", PackagedJar.environment(clickHouse, "PORT", String.valueOf(apiPort),
                "CLICKMAP_BOOTSTRAP_API_KEY", BOOTSTRAP_KEY, "CLICKMAP_BOOTSTRAP_ENVIRONMENT", "1:Default:phc_jars_default"), apiPort)) {

            assertThat(cli(clickHouse, "environments", "create", "--id", "2", "--name", "Shop", "--token", "phc_jars_shop"))
                    .contains("created environment 2 (Shop)");
            assertThat(cli(clickHouse, "users", "create", "--email", "toolbar@example.com", "--first-name", "Toolbar"))
                    .containsPattern("(?m)^[1-9][0-9]*$");
            String reader = keyIn(cli(clickHouse, "keys", "create", "--label", "toolbar", "--user", "toolbar@example.com", "--scopes", "element:read",
                    "--environments", "2"));

            try (ChildProcess ingest = PackagedJar.startHealthy("ingest", PackagedJar.environment(clickHouse, "KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(),
                    "KAFKA_TOPIC", topic, "KAFKA_GROUP", topic + "-group", "KAFKA_DEAD_LETTER_TOPIC", topic + "-dlq",
                    "INGEST_STATUS_PORT", String.valueOf(ingestPort)), ingestPort)) {

                String sent = run("loadgen", List.of("java", "-jar", PackagedJar.of("loadgen").toString(), "--bootstrap-servers", KAFKA.bootstrapServers(),
                        "--topic", topic, "--events", String.valueOf(EVENTS), "--shape", "envelope", "--team-id", "0", "--token", "phc_jars_shop"));
                assertThat(sent).contains(String.format("sent %,d events", EVENTS)).contains(" 0 failed")
                        .as("the jar's own logging configuration keeps Kafka's clients quiet").doesNotContain("DEBUG", "INFO");

                int capturePort = Ports.free();
                try (ChildProcess capture = PackagedJar.startHealthy("capture", PackagedJar.environment(clickHouse, "PORT", String.valueOf(capturePort),
                        "KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(), "KAFKA_TOPIC", topic), capturePort)) {
                    String captured = run("loadgen-capture", List.of("java", "-jar", PackagedJar.of("loadgen").toString(),
                            "--capture-url", "http://127.0.0.1:" + capturePort, "--events", String.valueOf(EVENTS), "--token", "phc_jars_shop", "--seed", "7"));
                    assertThat(captured).contains(String.format("sent %,d events", EVENTS)).contains(" 0 failed");
                    capture.signal("TERM");
                    assertThat(capture.awaitExit(Duration.ofSeconds(30))).as("capture exits 0 on SIGTERM").isZero();
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> CLICKHOUSE.sql("SELECT count() FROM events WHERE team_id = 2").strip(),
                        count -> count.equals(String.valueOf(2 * EVENTS)));

                JsonNode stats = get(reader, apiPort, "/api/projects/2/elements/stats/?limit=10000&include="
                        + URLEncoder.encode(ALL_CLICKS, StandardCharsets.UTF_8));
                assertThat(countsByChainAndEvent(stats)).isEqualTo(storedCountsByChainAndEvent());
                assertThat(get(reader, apiPort, "/api/projects/2/elements/values/?key=tag_name")).isNotEmpty();

                checkElementsCrud(reader, apiPort);

                ingest.signal("TERM");
                assertThat(ingest.awaitExit(Duration.ofSeconds(30))).as("ingest stores, commits and exits 0 on SIGTERM").isZero();
            }
            api.signal("TERM");
            assertThat(api.awaitExit(Duration.ofSeconds(30))).as("the stats API exits 0 on SIGTERM").isZero();
        }
    }

    private static void checkElementsCrud(String reader, int apiPort) throws Exception {
        String elements = "/api/environments/2/elements/";
        String body = "{\"tag_name\":\"button\",\"text\":\"Pay\",\"attr_class\":[\"btn\"]}";
        assertThat(send(reader, apiPort, "POST", elements, body).statusCode()).as("element:read cannot create").isEqualTo(403);
        HttpResponse<String> created = send(BOOTSTRAP_KEY, apiPort, "POST", elements, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = JSON.readTree(created.body()).get("id").asLong();
        assertThat(send(BOOTSTRAP_KEY, apiPort, "PATCH", elements + id + "/", "{\"text\":\"Pay now\"}").statusCode()).isEqualTo(200);
        assertThat(get(reader, apiPort, elements + id + "/")).isEqualTo(JSON.readTree("{\"id\":" + id + ",\"text\":\"Pay now\",\"tag_name\":\"button\","
                + "\"attr_class\":[\"btn\"],\"href\":null,\"attr_id\":null,\"nth_child\":null,\"nth_of_type\":null,\"attributes\":{},\"order\":null}"));
        assertThat(send(BOOTSTRAP_KEY, apiPort, "DELETE", elements + id + "/", null).statusCode()).isEqualTo(204);
        assertThat(send(reader, apiPort, "GET", elements + id + "/", null).statusCode()).isEqualTo(404);
    }

    private static String cli(Map<String, String> environment, String... arguments) throws Exception {
        return run("cli-" + arguments[0] + "-" + arguments[1], PackagedJar.command("stats-api", arguments), environment);
    }

    private static String run(String name, List<String> command) throws Exception {
        return run(name, command, Map.of());
    }

    private static String run(String name, List<String> command, Map<String, String> environment) throws Exception {
        try (ChildProcess process = ChildProcess.start(name, command, PackagedJar.REPOSITORY, environment)) {
            int status = process.awaitExit(Duration.ofSeconds(60));
            assertThat(status).as("%s: %s", command, process.output()).isZero();
            return process.output();
        }
    }

    private static String keyIn(String output) {
        Matcher key = Pattern.compile("(?m)^key: (phx_\\S+)$").matcher(output);
        assertThat(key.find()).as(output).isTrue();
        return key.group(1);
    }

    private static Map<String, Long> countsByChainAndEvent(JsonNode rows) {
        Map<String, Long> counts = new HashMap<>();
        for (JsonNode row : rows) {
            counts.merge(ChainEncoder.encode(elements(row.get("elements"))) + " " + row.get("type").asText(), row.get("count").asLong(), Long::sum);
        }
        return counts;
    }

    private static Map<String, Long> storedCountsByChainAndEvent() throws IOException {
        Map<String, Long> counts = new HashMap<>();
        for (String line : CLICKHOUSE.sql("SELECT elements_chain, event, count() AS n FROM events WHERE team_id = 2 "
                + "GROUP BY elements_chain, event FORMAT JSONEachRow").lines().toList()) {
            JsonNode row = JSON.readTree(line);
            counts.put(row.get("elements_chain").asText() + " " + row.get("event").asText(), row.get("n").asLong());
        }
        assertThat(counts).isNotEmpty();
        return counts;
    }

    private static List<Element> elements(JsonNode json) {
        List<Element> elements = new ArrayList<>();
        for (JsonNode element : json) {
            List<String> classes = null;
            if (!element.get("attr_class").isNull()) {
                classes = new ArrayList<>();
                for (JsonNode name : element.get("attr_class")) {
                    classes.add(name.asText());
                }
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            element.get("attributes").fields().forEachRemaining(entry -> attributes.put(entry.getKey(), entry.getValue().asText()));
            elements.add(new Element(text(element, "text"), text(element, "tag_name"), classes, text(element, "href"), text(element, "attr_id"),
                    element.get("nth_child").isNull() ? null : element.get("nth_child").asInt(),
                    element.get("nth_of_type").isNull() ? null : element.get("nth_of_type").asInt(), attributes, element.get("order").asInt()));
        }
        return elements;
    }

    private static String text(JsonNode element, String field) {
        return element.get(field).isNull() ? null : element.get(field).asText();
    }

    private static JsonNode get(String key, int port, String path) throws Exception {
        HttpResponse<String> response = send(key, port, "GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String key, int port, String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
