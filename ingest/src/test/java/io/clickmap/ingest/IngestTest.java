package io.clickmap.ingest;

import static io.clickmap.ingest.ClickMessages.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.ingest.config.Setting;
import io.clickmap.testing.ClickHouseExtension;
import io.clickmap.testing.KafkaExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IngestTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private IngestHarness harness;
    private String topic;

    @BeforeEach
    void newTopic() {
        harness = new IngestHarness(CLICKHOUSE, KAFKA);
        // room for messages over 1 MiB, so that "too large" can be tested end to end
        topic = KAFKA.newTopic("events", 2, Map.of("max.message.bytes", String.valueOf(4 << 20)));
        KAFKA.createTopic(topic + "-dlq", 1, Map.of("max.message.bytes", String.valueOf(4 << 20)));
    }

    @AfterEach
    void stopIngest() throws InterruptedException {
        harness.close();
    }

    private String row(UUID uuid) {
        return CLICKHOUSE.sql("SELECT team_id, event, timestamp, distinct_id, current_url, elements_chain, properties, "
                + "property_keys, property_values, kafka_topic = '" + topic + "' FROM events WHERE uuid = '" + uuid + "' FORMAT TSV").strip();
    }

    @Test
    void everyClickTypeInEitherMessageShapeIsStoredWithAllItsFields() {
        harness.start(harness.settings(topic, "group-" + topic));
        UUID autocapture = UUID.randomUUID();
        UUID rageclick = UUID.randomUUID();
        UUID deadClick = UUID.randomUUID();
        ObjectNode plain = ClickMessages.click("$autocapture", autocapture, "user-1");
        ((ObjectNode) plain.get("properties")).put("$browser", "Firefox").put("$screen_width", 1920);
        harness.send(topic, plain);
        harness.send(topic, ClickMessages.envelope(ClickMessages.click("$rageclick", rageclick, "user-2")));
        harness.send(topic, ClickMessages.click("$dead_click", deadClick, "user-3"));
        harness.flushProducer();

        await().atMost(Duration.ofSeconds(30)).until(() -> harness.storedCounts(topic).equals("3\t3"));

        assertThat(row(autocapture)).isEqualTo("1\t$autocapture\t2026-11-20 10:15:30\tuser-1\thttps://shop.example.com/cart\t"
                + ClickMessages.CHAIN + "\t{\"$current_url\":\"https://shop.example.com/cart\",\"$browser\":\"Firefox\",\"$screen_width\":1920}"
                + "\t['$browser','$screen_width']\t['Firefox','1920']\t1");
        // the rageclick came in PostHog's capture envelope, the dead click bare: the same fields either way
        assertThat(row(rageclick)).isEqualTo("1\t$rageclick\t2026-11-20 10:15:30\tuser-2\thttps://shop.example.com/cart\t"
                + ClickMessages.CHAIN + "\t{\"$current_url\":\"https://shop.example.com/cart\"}\t[]\t[]\t1");
        assertThat(row(deadClick)).isEqualTo("1\t$dead_click\t2026-11-20 10:15:30\tuser-3\thttps://shop.example.com/cart\t"
                + ClickMessages.CHAIN + "\t{\"$current_url\":\"https://shop.example.com/cart\"}\t[]\t[]\t1");
    }

    @Test
    void eventsThatAreNotClicksAreCountedAndSkipped() {
        IngestHarness.Running ingest = harness.start(harness.settings(topic, "group-" + topic));
        harness.send(topic, JSON.createObjectNode().put("event", "$pageview").put("distinct_id", "u").put("team_id", 1));
        harness.send(topic, ClickMessages.autocapture(1));
        harness.flushProducer();

        await().atMost(Duration.ofSeconds(30)).until(() -> harness.storedCounts(topic).equals("1\t1"));
        assertThat(ingest.ingest().metrics().prometheusText()).contains("clickmap_ingest_skipped_total 1\n");
    }

    @Test
    void badMessagesGoToTheDeadLetterTopicUntouchedWithTheirReasonWhileTheValidOnesAroundThemAreStored() throws Exception {
        harness.start(harness.settings(topic, "group-" + topic));
        ObjectNode missingDistinctId = ClickMessages.autocapture(2);
        missingDistinctId.remove("distinct_id");
        ObjectNode wrongType = ClickMessages.autocapture(3).put("timestamp", true);
        ObjectNode unknownEnvironment = ClickMessages.autocapture(4).put("team_id", 999);
        ObjectNode tooLarge = ClickMessages.autocapture(5);
        ((ObjectNode) tooLarge.get("properties")).put("padding", "p".repeat(1 << 20));
        List<byte[]> bad = List.of(
                "{not json".getBytes(StandardCharsets.UTF_8),
                missingDistinctId.toString().getBytes(StandardCharsets.UTF_8),
                wrongType.toString().getBytes(StandardCharsets.UTF_8),
                unknownEnvironment.toString().getBytes(StandardCharsets.UTF_8),
                tooLarge.toString().getBytes(StandardCharsets.UTF_8));
        // one partition keeps the order: valid, five bad, valid
        harness.send(topic, 1, ClickMessages.autocapture(1).toString().getBytes(StandardCharsets.UTF_8));
        bad.forEach(message -> harness.send(topic, 1, message));
        harness.send(topic, 1, ClickMessages.autocapture(6).toString().getBytes(StandardCharsets.UTF_8));
        harness.flushProducer();

        await().atMost(Duration.ofSeconds(30)).until(() -> harness.storedCounts(topic).equals("2\t2"));
        List<ConsumerRecord<byte[], byte[]>> letters = readAll(topic + "-dlq", 5);

        assertThat(letters).extracting(ConsumerRecord::value).containsExactlyElementsOf(bad);
        assertThat(letters).extracting(letter -> header(letter, "error_code"))
                .containsExactly("invalid_json", "missing_field", "invalid_field", "unknown_environment", "too_large");
        ConsumerRecord<byte[], byte[]> first = letters.get(0);
        assertThat(header(first, "error")).startsWith("the message is not valid JSON");
        assertThat(header(first, "source_topic")).isEqualTo(topic);
        assertThat(header(first, "source_offset")).isEqualTo("1");
        assertThat(header(first, "source_partition")).isEqualTo("1");
        assertThat(header(first, "failed_at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("key-1");
    }

    @Test
    void anEnvironmentAddedToTheTableWhileRunningIsFoundByItsToken() {
        Map<Setting, String> settings = harness.settings(topic, "group-" + topic);
        settings.put(Setting.INGEST_ENVIRONMENTS, "");
        harness.start(settings);
        CLICKHOUSE.sql("INSERT INTO environments (id, name, token, created_at, deleted, version) VALUES (7, 'Docs', 'phc_docs', now(), 0, 1)");
        ObjectNode event = ClickMessages.autocapture(1);
        event.remove("team_id");
        event.put("token", "phc_docs");
        harness.send(topic, event);
        harness.flushProducer();

        await().atMost(Duration.ofSeconds(30)).until(() -> harness.storedCounts(topic).equals("1\t1"));
        assertThat(CLICKHOUSE.sql("SELECT team_id FROM events WHERE kafka_topic = '" + topic + "' FORMAT TSV").strip()).isEqualTo("7");
    }

    @Test
    void stoppingStoresWhatIsBufferedCommitsItAndEndsWithinTenSeconds() throws Exception {
        Map<Setting, String> settings = harness.settings(topic, "g-stop");
        settings.put(Setting.INGEST_LINGER_MS, "60000");
        IngestHarness.Running ingest = harness.start(settings);
        for (int n = 0; n < 100; n++) {
            harness.send(topic, ClickMessages.autocapture(n));
        }
        harness.flushProducer();
        await().atMost(Duration.ofSeconds(30)).until(() -> ingest.ingest().metrics().prometheusText().contains("clickmap_ingest_consumed_total 100\n"));
        assertThat(harness.storedCounts(topic)).isEqualTo("0\t0");

        assertThat(ingest.stop()).isTrue();

        assertThat(ingest.failure()).isNull();
        assertThat(harness.storedCounts(topic)).isEqualTo("100\t100");
        Map<TopicPartition, OffsetAndMetadata> committed = KAFKA.admin().listConsumerGroupOffsets("g-stop").partitionsToOffsetAndMetadata().get();
        assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(100);
    }

    @Test
    void healthAndMetricsAreServedOnTheStatusPort() throws Exception {
        Map<Setting, String> settings = harness.settings(topic, "group-" + topic);
        int port = freePort();
        settings.put(Setting.INGEST_STATUS_PORT, String.valueOf(port));
        IngestHarness.Running ingest = harness.start(settings);
        harness.send(topic, ClickMessages.autocapture(1));
        harness.flushProducer();
        await().atMost(Duration.ofSeconds(30)).until(() -> ingest.ingest().metrics().storedTotal() == 1);

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"", "\"state\":\"RUNNING\"");
        assertThat(metrics.body()).contains("clickmap_ingest_stored_total 1\n", "clickmap_ingest_consumer_lag ",
                "clickmap_ingest_insert_seconds_count 1\n", "clickmap_ingest_batch_rows_bucket{le=\"10.0\"} 1\n");
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String from, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(from));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
