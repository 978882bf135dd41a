package io.clickmap.ingest;

import com.clickhouse.client.api.Client;
import io.clickmap.clickhouse.ClickHouseClients;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.event.EventReader;
import io.clickmap.ingest.config.IngestConfig;
import io.clickmap.ingest.consume.EventConsumer;
import io.clickmap.ingest.consume.FlushListener;
import io.clickmap.ingest.deadletter.DeadLetterTopic;
import io.clickmap.ingest.deadletter.DeadLetters;
import io.clickmap.ingest.observe.Health;
import io.clickmap.ingest.observe.IngestMetrics;
import io.clickmap.ingest.observe.StatusServer;
import io.clickmap.ingest.resume.StoredOffsets;
import io.clickmap.ingest.store.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One ingest instance, wired from its configuration: the ClickHouse client (schema migrated), the
 * Kafka consumer and dead-letter producer, the consumer loop and the status port. {@link #run()}
 * blocks until {@link #stop()} or a bug, and releases everything on the way out.
 */
public final class Ingest {
    private final Client client;
    private final KafkaProducer<byte[], byte[]> producer;
    private final EventConsumer consumer;
    private final StatusServer status;
    private final IngestMetrics metrics;

    private Ingest(Client client, KafkaProducer<byte[], byte[]> producer, EventConsumer consumer, StatusServer status, IngestMetrics metrics) {
        this.client = client;
        this.producer = producer;
        this.consumer = consumer;
        this.status = status;
        this.metrics = metrics;
    }

    public static Ingest start(IngestConfig config, FlushListener listener) {
        Client client = ClickHouseClients.create(config.clickHouse());
        ClickHouseSql sql = new ClickHouseSql(client);
        IngestMain.migrate(sql, config.clickHouse());
        IngestMetrics metrics = new IngestMetrics();
        Health health = new Health(Clock.systemUTC());
        StatusServer status = config.statusPort() > 0 ? new StatusServer(config.statusPort(), health, metrics) : null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            DeadLetterTopic.ensure(admin, config.deadLetterTopic());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the dead-letter topic", e);
        }
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(config));
        EventConsumer consumer = new EventConsumer(
                new KafkaConsumer<>(consumerProperties(config)),
                config.topic(),
                new EventConsumer.Batching(config.batchRows(), config.batchBytes(), config.linger()),
                new EventReader(IngestMain.environments(config, sql)),
                new EventStore(sql, config.clickHouse()),
                new StoredOffsets(sql, config.clickHouse()),
                new DeadLetters(producer, config.deadLetterTopic(), Clock.systemUTC()),
                metrics,
                health,
                listener);
        return new Ingest(client, producer, consumer, status, metrics);
    }

    public void run() {
        try {
            consumer.run();
        } finally {
            producer.close(Duration.ofSeconds(2));
            if (status != null) {
                status.close();
            }
            client.close();
        }
    }

    public void stop() {
        consumer.stop();
    }

    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return consumer.awaitStopped(timeout);
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    static Map<String, Object> consumerProperties(IngestConfig config) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.group());
        if (!config.groupInstanceId().isEmpty()) {
            properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.groupInstanceId());
        }
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) config.sessionTimeout().toMillis() / 3);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        // fetched-but-unread bytes share the 256 MB heap with two batches
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 << 20);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }

    static Map<String, Object> producerProperties(IngestConfig config) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 << 20);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return properties;
    }
}
