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

    @Test
    void kafkaStoppedForAWhileThenRestartedLosesAndDoublesNothingAndIngestKeepsRunning() throws Exception {
        Map<Setting, String> settings = harness.settings(TOPIC, "group-kafka-outage");
        settings.put(Setting.INGEST_LINGER_MS, "2000");
        IngestHarness.Running ingest = harness.start(settings);
        produce(0, 300);
        harness.flushProducer();
        awaitStored(300);

        // Buffered, not yet stored: the broker goes while these wait for their linger. They are stored
        // anyway; committing them fails and is retried until the broker is back.
        produce(300, 400);
        harness.flushProducer();
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
