package io.clickmap.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.clickhouse.client.api.Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.chain.ChainDecoder;
import io.clickmap.chain.ChainEncoder;
import io.clickmap.chain.Element;
import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.loadgen.ClickGenerator;
import io.clickmap.loadgen.LoadGenerator;
import io.clickmap.local.ClickHouseProcess;
import io.clickmap.local.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, the way {@code bin/run} runs it: ClickHouse, Kafka, stats-api and ingest as processes;
 * clicks produced with the load generator; answers checked over HTTP against what was sent; then
 * everything stopped, with nothing left running and every port free again.
 */
class LocalStackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLICKS = 400;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void clicksSentToKafkaAreCountedExactlyElementsCanBeManagedAndStoppingLeavesNothingRunning(@TempDir Path home) throws Exception {
        assumeThat(ClickHouseProcess.findBinary()).as("the launcher runs Debian's clickhouse-server; bin/test installs it").isPresent();
        LauncherConfig config = new LauncherConfig(home, Ports.free(), Ports.free(), freePair(), freePair(), false, 0);
        List<ClickGenerator.Click> sent = new ArrayList<>();

        try (LocalStack stack = LocalStack.start(config)) {
            ClickGenerator generator = new ClickGenerator(ClickGenerator.Options.defaults().withTeam(LocalStack.ENVIRONMENT, LocalStack.TOKEN),
                    Clock.systemUTC());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LoadGenerator.producerProperties(stack.bootstrapServers()))) {
                new LoadGenerator(producer).run(generator, LocalStack.TOPIC, CLICKS, 0, (click, at) -> sent.add(click), null);
            }
            try (Client client = ClickHouseClients.create(stack.clickHouseConfig())) {
                ClickHouseSql sql = new ClickHouseSql(client);
                await().atMost(Duration.ofSeconds(60)).until(() -> sql.query("SELECT count() AS n FROM events", row -> row.get("n").asLong()).get(0) == CLICKS);
            }

            Map<String, Long> expected = sent.stream().filter(click -> click.event().equals("$autocapture"))
                    .collect(Collectors.groupingBy(ClickGenerator.Click::chain, Collectors.counting()));
            JsonNode stats = get(stack, "/stats/?paginate_response=true&limit=1000");
            Map<String, Long> counted = new HashMap<>();
            for (JsonNode row : stats.get("results")) {
                assertThat(row.get("type").asText()).isEqualTo("$autocapture");
                counted.put(ChainEncoder.encode(elements(row.get("elements"))), row.get("count").asLong());
            }
            assertThat(counted).isEqualTo(expected);
            assertThat(stats.get("next").isNull()).isTrue();

            JsonNode values = get(stack, "/values/?key=tag_name");
            Set<String> clickedTags = sent.stream().filter(click -> click.event().equals("$autocapture"))
                    .map(click -> ChainDecoder.decode(click.chain()).get(0).tagName())
                    .collect(Collectors.toSet());
            List<String> suggested = new ArrayList<>();
            values.forEach(value -> suggested.add(value.get("name").asText()));
            assertThat(suggested).containsExactlyInAnyOrderElementsOf(clickedTags);

            HttpResponse<String> created = send(stack, "POST", "/", "{\"tag_name\":\"button\",\"text\":\"Pay\",\"attr_class\":[\"btn\"]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long id = JSON.readTree(created.body()).get("id").asLong();
            assertThat(get(stack, "/").get("count").asLong()).isEqualTo(1);
            assertThat(send(stack, "PATCH", "/" + id + "/", "{\"text\":\"Pay now\"}").statusCode()).isEqualTo(200);
            assertThat(get(stack, "/" + id + "/").toString()).isEqualTo("{\"id\":" + id + ",\"text\":\"Pay now\",\"tag_name\":\"button\","
                    + "\"attr_class\":[\"btn\"],\"href\":null,\"attr_id\":null,\"nth_child\":null,\"nth_of_type\":null,\"attributes\":{},\"order\":null}");
            assertThat(send(stack, "DELETE", "/" + id + "/", null).statusCode()).isEqualTo(204);
            assertThat(send(stack, "GET", "/" + id + "/", null).statusCode()).isEqualTo(404);
        }

        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
        for (int port : List.of(config.apiPort(), config.ingestPort(), config.clickHousePort(), config.kafkaPort())) {
            assertThat(Ports.answers(port)).as("port %d", port).isFalse();
        }
    }

    private JsonNode get(LocalStack stack, String path) throws Exception {
        HttpResponse<String> response = send(stack, "GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(LocalStack stack, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/api/environments/1/elements" + path))
                .header("Authorization", "Bearer " + stack.apiKey())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
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

    /** A port whose neighbour is free too: ClickHouse and Kafka each take two. */
    private static int freePair() {
        while (true) {
            int port = Ports.free();
            if (port < 65_000 && !Ports.answers(port + 1)) {
                return port;
            }
        }
    }
}
