package io.clickmap.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.testing.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoadGeneratorTest {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void everyEventIsWrittenToTheTopicAndReportedOnce() throws Exception {
        String topic = KAFKA.newTopic("loadgen", 2);
        List<ClickGenerator.Click> heard = new ArrayList<>();
        LoadGenerator.Summary summary;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LoadGenerator.producerProperties(KAFKA.bootstrapServers()))) {
            summary = new LoadGenerator(new KafkaSink(producer, topic)).run(new ClickGenerator(ClickGenerator.Options.defaults(), Clock.systemUTC()),
                    1_000, 0, (click, at) -> heard.add(click), null);
        }

        long written = 0;
        for (int partition = 0; partition < 2; partition++) {
            TopicPartition tp = new TopicPartition(topic, partition);
            written += KAFKA.admin().listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
        }
        assertThat(written).isEqualTo(1_000);
        assertThat(summary.sent()).isEqualTo(1_000);
        assertThat(summary.failed()).isZero();
        // reported once each, and what is on the topic is exactly what was reported
        assertThat(heard).extracting(ClickGenerator.Click::uuid).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(readAll(topic, 1_000)).containsExactlyInAnyOrderElementsOf(
                heard.stream().map(click -> new String(click.message(), StandardCharsets.UTF_8)).toList());
    }

    private static List<String> readAll(String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(new String(record.value(), StandardCharsets.UTF_8)));
            }
            // anything beyond the expected count shows up here too
            consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(new String(record.value(), StandardCharsets.UTF_8)));
        }
        return values;
    }

    @Test
    void aRateLimitSpreadsTheEventsOverTime() throws Exception {
        String topic = KAFKA.newTopic("loadgen", 1);
        LoadGenerator.Summary summary;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LoadGenerator.producerProperties(KAFKA.bootstrapServers()))) {
            summary = new LoadGenerator(new KafkaSink(producer, topic)).run(new ClickGenerator(ClickGenerator.Options.defaults(), Clock.systemUTC()),
                    200, 1_000, (click, at) -> { }, null);
        }

        assertThat(summary.sent()).isEqualTo(200);
        assertThat(summary.failed()).isZero();
        assertThat(summary.took()).isGreaterThanOrEqualTo(Duration.ofMillis(199));
    }
}
