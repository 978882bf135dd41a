package io.clickmap.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Gives a test class a real Kafka broker and fresh, uniquely named topics. Register as a static field. */
public final class KafkaExtension implements AfterAllCallback {
    private Admin admin;

    public String bootstrapServers() {
        return SharedServers.kafka().bootstrapServers();
    }

    /** Creates a topic no other test uses and returns its name. */
    public String newTopic(String prefix, int partitions) {
        return newTopic(prefix, partitions, Map.of());
    }

    /** Creates a topic no other test uses, with topic-level configs (e.g. max.message.bytes), and returns its name. */
    public String newTopic(String prefix, int partitions, Map<String, String> configs) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        createTopic(name, partitions, configs);
        return name;
    }

    /**
     * Creates a topic with exactly this name (e.g. one derived from a fresh topic's name) and waits
     * until every partition's leader answers: an idempotent producer whose first batch meets a
     * leader not yet elected can end up retrying forever with OUT_OF_ORDER_SEQUENCE_NUMBER.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try {
            admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                ends.put(new TopicPartition(name, partition), OffsetSpec.latest());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    admin().listOffsets(ends).all().get();
                    break;
                } catch (ExecutionException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                    Thread.sleep(20);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topic " + name, e.getCause());
        }
    }

    /** An admin client for this broker, closed after the class. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        }
        return admin;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
