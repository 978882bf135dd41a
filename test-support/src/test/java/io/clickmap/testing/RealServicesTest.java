package io.clickmap.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RealServicesTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void eachTestClassGetsADatabaseOfItsOwn() {
        assertThat(CLICKHOUSE.database()).matches("test_[0-9a-f]{12}");
        assertThat(CLICKHOUSE.sql("SELECT currentDatabase() FORMAT TSV").strip()).isEqualTo(CLICKHOUSE.database());
    }

    @Test
    void aStoppedServerKeepsItsDataAndAnswersAgainAfterStart() {
        assumeThat(CLICKHOUSE.server().canStop()).as("CLICKHOUSE_URL names a server these tests do not own").isTrue();
        CLICKHOUSE.sql("CREATE TABLE kept (x UInt8) ENGINE = MergeTree ORDER BY x");
        CLICKHOUSE.sql("INSERT INTO kept VALUES (7)");

        CLICKHOUSE.server().stop();
        assertThat(HttpSql.ping(CLICKHOUSE.url())).isFalse();
        CLICKHOUSE.server().start();

        assertThat(CLICKHOUSE.sql("SELECT x FROM kept FORMAT TSV").strip()).isEqualTo("7");
    }

    @Test
    void recordsProducedToAFreshTopicAreConsumedInOrder() {
        String topic = KAFKA.newTopic("self-test", 1);
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "k", "v" + i));
            }
        }
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "self-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 100 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }

        assertThat(values).containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "v" + i).toList());
    }
}
