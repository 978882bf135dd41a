package io.clickmap.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clickmap.ingest.config.Setting;
import io.clickmap.testing.ClickHouseExtension;
import io.clickmap.testing.KafkaExtension;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service as operators run it: its own JVM, configured by environment variables, stopped by SIGTERM. */
class IngestProcessTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void sigtermStoresWhatIsBufferedCommitsItAndExitsZeroWithinTenSeconds() throws Exception {
        String topic = KAFKA.newTopic("events", 2);
        IngestHarness harness = new IngestHarness(CLICKHOUSE, KAFKA);
        Map<Setting, String> settings = harness.settings(topic, "group-" + topic);
        int statusPort = freePort();
        settings.put(Setting.INGEST_STATUS_PORT, String.valueOf(statusPort));
        settings.put(Setting.INGEST_LINGER_MS, "60000");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"), IngestMain.class.getName()))
                .redirectErrorStream(true)
                .redirectOutput(new File("target/ingest-process-test.log"));
        settings.forEach((setting, value) -> builder.environment().put(setting.environmentVariable(), value));
        Process ingest = builder.start();
        try {
            for (int n = 0; n < 100; n++) {
                harness.send(topic, ClickMessages.autocapture(n));
            }
            harness.flushProducer();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statusPort + "/metrics")).build();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> http.send(metrics, HttpResponse.BodyHandlers.ofString()).body().contains("clickmap_ingest_consumed_total 100\n"));
            assertThat(harness.storedCounts(topic)).isEqualTo("0\t0");

            long signalled = System.nanoTime();
            ingest.destroy();

            assertThat(ingest.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(10));
            assertThat(ingest.exitValue()).isZero();
            assertThat(harness.storedCounts(topic)).isEqualTo("100\t100");
            Map<TopicPartition, OffsetAndMetadata> committed = KAFKA.admin().listConsumerGroupOffsets("group-" + topic)
                    .partitionsToOffsetAndMetadata().get();
            assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(100);
        } finally {
            ingest.destroyForcibly();
            harness.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
