package io.clickmap.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.testing.KafkaExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
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
            summary = new LoadGenerator(producer).run(new ClickGenerator(ClickGenerator.Options.defaults(), Clock.systemUTC()),
                    topic, 1_000, 0, (click, at) -> heard.add(click), null);
        }

        long written = 0;
        for (int partition = 0; partition < 2; partition++) {
            TopicPartition tp = new TopicPartition(topic, partition);
            written += KAFKA.admin().listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
        }
        assertThat(written).isEqualTo(1_000);
        assertThat(summary.sent()).isEqualTo(1_000);
        assertThat(summary.failed()).isZero();
        assertThat(heard).hasSize(1_000);
    }

    @Test
    void aRateLimitSpreadsTheEventsOverTime() throws Exception {
        String topic = KAFKA.newTopic("loadgen", 1);
        LoadGenerator.Summary summary;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LoadGenerator.producerProperties(KAFKA.bootstrapServers()))) {
            summary = new LoadGenerator(producer).run(new ClickGenerator(ClickGenerator.Options.defaults(), Clock.systemUTC()),
                    topic, 200, 1_000, (click, at) -> { }, null);
        }

        assertThat(summary.took()).isGreaterThanOrEqualTo(Duration.ofMillis(199));
    }
}
