package io.clickmap.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.Migrations;
import io.clickmap.local.KafkaBrokerProcess;
import io.clickmap.local.Ports;
import io.clickmap.testing.ClickHouseExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture's promise under a Kafka crash, end to end through the packaged jars: clients keep posting
 * while the broker is SIGKILLed and brought back. Every request answered 200 is stored exactly once;
 * every request answered otherwise is stored whole or not at all (never some of its events); every
 * answer comes within capture's bounded wait.
 */
class CaptureKafkaOutageTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final String TOKEN = "phc_outage";
    private static final int EVENTS_PER_REQUEST = 20;
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(3);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Outcome(int status, List<String> uuids, long nanos) {
    }

    @Test
    void answeredRequestsAreStoredOnceAndRefusedOnesWholeOrNotAtAllWhenTheBrokerCrashes(@TempDir Path dir) throws Exception {
        try (var client = ClickHouseClients.create(new ClickHouseConfig(CLICKHOUSE.url(), CLICKHOUSE.database(), CLICKHOUSE.user(), CLICKHOUSE.password()))) {
            Migrations.apply(new ClickHouseSql(client), CLICKHOUSE.database());
        }
        CLICKHOUSE.sql("INSERT INTO environments (id, name, token, created_at, deleted, version) VALUES (1, 'Outage', '" + TOKEN + "', now(), 0, 1)");
        KafkaBrokerProcess broker = new KafkaBrokerProcess(dir.resolve("kafka"), Ports.free(), Ports.free(), System.getProperty("java.class.path"));
        broker.start(Duration.ofSeconds(90));
        int capturePort = Ports.free();
        int ingestPort = Ports.free();
        Map<String, String> clickHouse = Map.of("CLICKHOUSE_URL", CLICKHOUSE.url(), "CLICKHOUSE_DATABASE", CLICKHOUSE.database(),
                "CLICKHOUSE_USER", CLICKHOUSE.user(), "CLICKHOUSE_PASSWORD", CLICKHOUSE.password());
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (ChildProcess capture = PackagedJar.startHealthy("capture", PackagedJar.environment(clickHouse, "PORT", String.valueOf(capturePort),
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "CAPTURE_KAFKA_TIMEOUT", KAFKA_TIMEOUT.toSeconds() + "s"), capturePort);
             ChildProcess ingest = PackagedJar.startHealthy("ingest", PackagedJar.environment(clickHouse, "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                     "INGEST_STATUS_PORT", String.valueOf(ingestPort), "INGEST_LINGER_MS", "200"), ingestPort)) {
            for (int i = 0; i < 2; i++) {
                clients.submit(() -> {
                    while (sending.get()) {
                        outcomes.add(post(capturePort));
                    }
                    return null;
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted(outcomes) >= 50);
            broker.kill();
            await().atMost(Duration.ofSeconds(60)).until(() -> refused(outcomes) >= 4);
            broker.start(Duration.ofSeconds(90));
            int acceptedBefore = accepted(outcomes);
            await().atMost(Duration.ofSeconds(90)).until(() -> accepted(outcomes) >= acceptedBefore + 50);
            sending.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            List<String> acceptedUuids = outcomes.stream().filter(o -> o.status() == 200).flatMap(o -> o.uuids().stream()).toList();
            await().atMost(Duration.ofSeconds(60)).until(() -> storedOf(acceptedUuids).size(), size -> size == acceptedUuids.size());
            Map<String, Long> stored = storedCounts();
            assertThat(acceptedUuids).allSatisfy(uuid -> assertThat(stored.get(uuid)).as("accepted %s stored once", uuid).isEqualTo(1L));
            List<Outcome> refused = outcomes.stream().filter(o -> o.status() != 200).toList();
            assertThat(refused).as("refused requests").isNotEmpty().allSatisfy(outcome -> {
                assertThat(outcome.status()).as("a refusal during the outage is a 503").isEqualTo(503);
                long present = outcome.uuids().stream().filter(stored::containsKey).count();
                assertThat(present).as("a refused request is stored whole or not at all").isIn(0L, (long) EVENTS_PER_REQUEST);
                outcome.uuids().forEach(uuid -> assertThat(stored.getOrDefault(uuid, 1L)).isEqualTo(1L));
            });
            long slowest = outcomes.stream().mapToLong(Outcome::nanos).max().orElseThrow();
            assertThat(Duration.ofNanos(slowest)).as("every answer within capture's bounded wait").isLessThan(KAFKA_TIMEOUT.multipliedBy(2).plusSeconds(3));
        } finally {
            sending.set(false);
            clients.shutdownNow();
            broker.stop();
        }
    }

    private Outcome post(int port) throws Exception {
        List<String> uuids = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < EVENTS_PER_REQUEST; i++) {
            String uuid = UUID.randomUUID().toString();
            uuids.add(uuid);
            body.append(i == 0 ? "" : ",").append("{\"uuid\":\"").append(uuid).append("\",\"event\":\"$autocapture\",\"properties\":{\"token\":\"")
                    .append(TOKEN).append("\",\"distinct_id\":\"user-").append(i % 5).append("\",\"$elements_chain\":\"button:nth-child=\\\"1\\\"\"}}");
        }
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/e/"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body.append("]").toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Outcome(response.statusCode(), uuids, System.nanoTime() - started);
    }

    private static int accepted(List<Outcome> outcomes) {
        synchronized (outcomes) {
            return (int) outcomes.stream().filter(o -> o.status() == 200).count();
        }
    }

    private static int refused(List<Outcome> outcomes) {
        synchronized (outcomes) {
            return (int) outcomes.stream().filter(o -> o.status() != 200).count();
        }
    }

    private static Set<String> storedOf(List<String> uuids) {
        Set<String> stored = new HashSet<>(storedCounts().keySet());
        stored.retainAll(Set.copyOf(uuids));
        return stored;
    }

    private static Map<String, Long> storedCounts() {
        Map<String, Long> counts = new HashMap<>();
        for (String line : CLICKHOUSE.sql("SELECT toString(uuid), count() FROM events GROUP BY uuid FORMAT TSV").lines().toList()) {
            String[] columns = line.split("\t");
            counts.put(columns[0], Long.parseLong(columns[1]));
        }
        return counts;
    }
}
