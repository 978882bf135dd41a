package io.clickmap.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clickmap.ingest.config.Setting;
import io.clickmap.local.KafkaBrokerProcess;
import io.clickmap.local.Ports;
import io.clickmap.testing.ClickHouseExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka going away under a running consumer: ingest keeps retrying without crashing, and once the broker is back
 * every event — those stored before, those buffered at the moment it went, those produced after — is stored
 * exactly once. The broker is a process of this test's own (Kafka's jars, KRaft, as the run command
 * starts it), so stopping it disturbs no other test.
 */
class KafkaOutageTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    private static final String TOPIC = "events-kafka-outage";
    private static final String GROUP = "group-kafka-outage";
    private static final Pattern CONSUMED = Pattern.compile("(?m)^clickmap_ingest_consumed_total (\\d+)$");

    @TempDir
    Path brokerDir;
    private KafkaBrokerProcess broker;
    private IngestHarness harness;

    @BeforeEach
    void startBroker() {
        broker = new KafkaBrokerProcess(brokerDir, Ports.free(), Ports.free(), System.getProperty("java.class.path"));
        broker.start(Duration.ofSeconds(90));
        harness = new IngestHarness(CLICKHOUSE, broker.bootstrapServers());
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        harness.close();
        broker.stop();
    }

    private void produce(int from, int to) {
        for (int n = from; n < to; n++) {
            harness.send(TOPIC, ClickMessages.autocapture(n));
        }
    }

    private void awaitStored(int expected) {
        await().atMost(Duration.ofSeconds(90)).until(() -> harness.storedCounts(TOPIC).equals(expected + "\t" + expected));
    }

    /** The sum of the group's committed offsets: with one message per offset, the messages it has moved past. */
    private long committed() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().values().stream()
                    .filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static long consumed(IngestHarness.Running ingest) {
        Matcher value = CONSUMED.matcher(ingest.ingest().metrics().prometheusText());
        return value.find() ? Long.parseLong(value.group(1)) : 0;
    }

    @Test
    void kafkaStoppedForAWhileThenRestartedLosesAndDoublesNothingAndIngestKeepsRunning() throws Exception {
        Map<Setting, String> settings = harness.settings(TOPIC, GROUP);
        // Long enough for the broker to be gone before the rows read just before it goes are flushed.
        settings.put(Setting.INGEST_LINGER_MS, "8000");
        IngestHarness.Running ingest = harness.start(settings);
        produce(0, 300);
        harness.flushProducer();
        awaitStored(300);
        await().atMost(Duration.ofSeconds(60)).until(() -> committed() == 300);

        // Read and buffered, not yet stored: the broker goes while these wait for their linger. They are
        // stored anyway; committing them fails and is retried until the broker is back.
        produce(300, 400);
        harness.flushProducer();
        await().atMost(Duration.ofSeconds(60)).until(() -> consumed(ingest) == 400);
        broker.stop();
        awaitStored(400);
        await().atMost(Duration.ofSeconds(60)).until(() -> ingest.ingest().metrics().prometheusText()
                .matches("(?s).*clickmap_ingest_retries_total [1-9].*"));
        assertThat(ingest.isRunning()).as("ingest keeps running without Kafka").isTrue();

        broker.start(Duration.ofSeconds(90));
        produce(400, 600);
        harness.flushProducer();

        awaitStored(600);
        assertThat(ingest.isRunning()).isTrue();
        assertThat(ingest.failure()).isNull();
    }
}
