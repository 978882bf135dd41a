package io.clickmap.ingest;

import io.clickmap.ingest.config.IngestConfig;
import io.clickmap.ingest.config.Setting;
import io.clickmap.ingest.consume.FlushListener;
import io.clickmap.testing.ClickHouseExtension;
import io.clickmap.testing.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs real ingest instances against the test class's ClickHouse database and a Kafka broker, and
 * produces messages to them. Every instance started is stopped when the harness closes.
 */
final class IngestHarness implements AutoCloseable {
    private final ClickHouseExtension clickHouse;
    private final String bootstrapServers;
    private final List<Running> running = new ArrayList<>();
    private KafkaProducer<byte[], byte[]> producer;

    IngestHarness(ClickHouseExtension clickHouse, KafkaExtension kafka) {
        this(clickHouse, kafka.bootstrapServers());
    }

    IngestHarness(ClickHouseExtension clickHouse, String bootstrapServers) {
        this.clickHouse = clickHouse;
        this.bootstrapServers = bootstrapServers;
    }

    /** Settings for an instance reading {@code topic}; environments 1 (phc_shop) and 2 (phc_blog). */
    Map<Setting, String> settings(String topic, String group) {
        Map<Setting, String> settings = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            settings.put(setting, setting.defaultValue());
        }
        settings.put(Setting.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
        settings.put(Setting.KAFKA_TOPIC, topic);
        settings.put(Setting.KAFKA_GROUP, group);
        settings.put(Setting.KAFKA_DEAD_LETTER_TOPIC, topic + "-dlq");
        settings.put(Setting.CLICKHOUSE_URL, clickHouse.url());
        settings.put(Setting.CLICKHOUSE_DATABASE, clickHouse.database());
        settings.put(Setting.CLICKHOUSE_USER, clickHouse.user());
        settings.put(Setting.CLICKHOUSE_PASSWORD, clickHouse.password());
        settings.put(Setting.INGEST_LINGER_MS, "200");
        settings.put(Setting.INGEST_ENVIRONMENTS, "1:phc_shop,2:phc_blog");
        settings.put(Setting.INGEST_STATUS_PORT, "0");
        return settings;
    }

    Running start(Map<Setting, String> settings) {
        return start(settings, FlushListener.NONE);
    }

    Running start(Map<Setting, String> settings, FlushListener listener) {
        Map<String, String> environment = new HashMap<>();
        settings.forEach((setting, value) -> environment.put(setting.environmentVariable(), value));
        Running instance = new Running(Ingest.start(IngestConfig.load(null, environment), listener));
        running.add(instance);
        return instance;
    }

    void send(String topic, Object message) {
        send(topic, null, message.toString().getBytes(StandardCharsets.UTF_8));
    }

    void send(String topic, String key, byte[] value) {
        producer().send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
    }

    /** Sends to one partition, keyed "key-<partition>", so the messages keep their order. */
    void send(String topic, int partition, byte[] value) {
        producer().send(new ProducerRecord<>(topic, partition, ("key-" + partition).getBytes(StandardCharsets.UTF_8), value));
    }

    void flushProducer() {
        producer().flush();
    }

    /** {@code count()} and {@code uniqExact(uuid)} of the rows a topic produced, as "count\tunique". */
    String storedCounts(String topic) {
        return clickHouse.sql("SELECT count(), uniqExact(uuid) FROM events WHERE kafka_topic = '" + topic + "' FORMAT TSV").strip();
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20,
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        }
        return producer;
    }

    @Override
    public void close() throws InterruptedException {
        for (Running instance : running) {
            instance.stop();
        }
        if (producer != null) {
            producer.close();
        }
    }

    /** An ingest instance running on a thread of its own; remembers how its loop ended. */
    static final class Running {
        private final Ingest ingest;
        private final Thread thread;
        private final AtomicReference<Throwable> ended = new AtomicReference<>();

        Running(Ingest ingest) {
            this.ingest = ingest;
            this.thread = new Thread(() -> {
                try {
                    ingest.run();
                } catch (Throwable failure) {
                    ended.set(failure);
                }
            }, "ingest-under-test");
            thread.start();
        }

        Ingest ingest() {
            return ingest;
        }

        /** Stops the instance the way SIGTERM does; true when it finished within 10 s. */
        boolean stop() throws InterruptedException {
            ingest.stop();
            thread.join(Duration.ofSeconds(10).toMillis());
            return !thread.isAlive();
        }

        boolean isRunning() {
            return thread.isAlive();
        }

        Throwable failure() {
            return ended.get();
        }

        void awaitEnd() throws InterruptedException {
            thread.join(Duration.ofSeconds(30).toMillis());
        }
    }
}
