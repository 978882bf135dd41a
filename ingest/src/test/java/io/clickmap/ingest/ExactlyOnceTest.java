package io.clickmap.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.ingest.config.Setting;
import io.clickmap.testing.ClickHouseExtension;
import io.clickmap.testing.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Nothing lost, nothing doubled: crashes, outages and rebalances, each ending with count = unique = produced. */
class ExactlyOnceTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private IngestHarness harness;
    private String topic;

    /** Thrown by a flush listener to stop a consumer dead between its insert and its commit. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash between insert and commit", null, false, false);
        }
    }

    @BeforeEach
    void newTopic() {
        harness = new IngestHarness(CLICKHOUSE, KAFKA);
        topic = KAFKA.newTopic("events", 4);
    }

    @AfterEach
    void stopIngest() throws InterruptedException {
        harness.close();
    }

    private void produce(int from, int to) {
        for (int n = from; n < to; n++) {
            harness.send(topic, ClickMessages.autocapture(n));
            if (n % 10 == 0) {
                harness.send(topic, ClickMessages.JSON.createObjectNode().put("event", "$pageview").put("distinct_id", "u").put("team_id", 1));
            }
        }
        harness.flushProducer();
    }

    private void awaitStored(int expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.storedCounts(topic).equals(expected + "\t" + expected));
    }

    @Test
    void aCrashBetweenInsertAndCommitStoresEveryEventExactlyOnce() throws Exception {
        produce(0, 500);
        AtomicBoolean crashed = new AtomicBoolean();
        IngestHarness.Running doomed = harness.start(harness.settings(topic, "group-" + topic), rows -> {
            if (rows > 0 && crashed.compareAndSet(false, true)) {
                throw new SimulatedCrash();
            }
        });
        doomed.awaitEnd();
        assertThat(doomed.failure()).isInstanceOf(SimulatedCrash.class);
        String storedBeforeRestart = harness.storedCounts(topic);
        assertThat(storedBeforeRestart).isNotEqualTo("0\t0");

        IngestHarness.Running successor = harness.start(harness.settings(topic, "group-" + topic));
        produce(500, 700);

        awaitStored(700);
        assertThat(successor.ingest().metrics().prometheusText()).containsPattern("clickmap_ingest_already_stored_total [1-9]");
    }

    @Test
    void clickHouseStoppedForAWhileThenRestartedLosesAndDoublesNothing() throws Exception {
        assumeThat(CLICKHOUSE.server().canStop()).as("CLICKHOUSE_URL names a server these tests cannot stop").isTrue();
        IngestHarness.Running ingest = harness.start(harness.settings(topic, "group-" + topic));
        produce(0, 300);
        awaitStored(300);

        CLICKHOUSE.server().stop();
        try {
            produce(300, 600);
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.ingest().metrics().prometheusText()
                    .matches("(?s).*clickmap_ingest_retries_total [1-9].*"));
        } finally {
            CLICKHOUSE.server().start();
        }
        produce(600, 700);

        awaitStored(700);
        assertThat(ingest.isRunning()).isTrue();
        assertThat(deadLetterCount()).isZero();
    }

    @Test
    void twoConsumersWithARebalanceInTheMiddleStoreEveryEventOnce() throws Exception {
        Map<Setting, String> settings = harness.settings(topic, "group-" + topic);
        IngestHarness.Running first = harness.start(settings);
        produce(0, 500);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.ingest().metrics().storedTotal() > 0);
        AtomicInteger produced = new AtomicInteger(500);
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread trickle = new Thread(() -> {
            while (producing.get()) {
                int from = produced.get();
                produce(from, from + 20);
                produced.addAndGet(20);
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        });
        trickle.start();
        try {
            IngestHarness.Running second = harness.start(settings);
            await().atMost(Duration.ofSeconds(60)).until(() -> second.ingest().metrics().storedTotal() > 0);
            assertThat(first.stop()).isTrue();
            int atHandOver = produced.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> produced.get() > atHandOver + 200);
        } finally {
            producing.set(false);
            trickle.join();
        }

        awaitStored(produced.get());
        assertThat(first.failure()).isNull();
    }

    @Test
    void rowsOfOneMonthStoredWithoutTheirNeighboursOfAnotherAreNotStoredAgain() throws Exception {
        // A consumer stored the October part of a batch (offsets 0 and 2) and died before storing the
        // November part (1 and 3) or committing; its group's committed offset is 0.
        String[] months = {"2026-10-31T23:59:59Z", "2026-11-01T00:00:00Z", "2026-10-30T12:00:00Z", "2026-11-02T08:00:00Z"};
        for (int n = 0; n < months.length; n++) {
            ObjectNode event = ClickMessages.autocapture(n).put("timestamp", months[n]);
            harness.send(topic, 0, event.toString().getBytes(StandardCharsets.UTF_8));
        }
        harness.flushProducer();
        CLICKHOUSE.sql("INSERT INTO events_landing (uuid, team_id, event, timestamp, distinct_id, current_url, elements_chain, properties, "
                + "property_keys, property_values, kafka_topic, kafka_partition, kafka_offset) VALUES "
                + "('" + ClickMessages.uuidFor(0) + "', 1, '$autocapture', '2026-10-31 23:59:59', 'user-0', '', '', '{}', [], [], '" + topic + "', 0, 0), "
                + "('" + ClickMessages.uuidFor(2) + "', 1, '$autocapture', '2026-10-30 12:00:00', 'user-2', '', '', '{}', [], [], '" + topic + "', 0, 2)");
        commit("group-" + topic, new TopicPartition(topic, 0), 0);

        IngestHarness.Running ingest = harness.start(harness.settings(topic, "group-" + topic));

        awaitStored(4);
        assertThat(ingest.ingest().metrics().prometheusText()).contains("clickmap_ingest_already_stored_total 2\n");
    }

    private void commit(String group, TopicPartition partition, long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }

    private long deadLetterCount() throws Exception {
        TopicPartition dlq = new TopicPartition(topic + "-dlq", 0);
        return KAFKA.admin().listOffsets(Map.of(dlq, OffsetSpec.latest())).partitionResult(dlq).get().offset();
    }
}
