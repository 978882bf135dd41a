package io.clickmap.ingest.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the dead-letter topic at start-up (broker defaults for partitions and replicas) and waits
 * until its leaders answer. Left to auto-creation, the first dead letter would race the topic's
 * leader election, and an idempotent producer that loses that race can stall on sequence errors.
 * Without the right to create topics, it says so and leaves the topic to the operator.
 */
public final class DeadLetterTopic {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterTopic.class);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private DeadLetterTopic() {
    }

    public static void ensure(Admin admin, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                create(admin, topic);
                awaitLeaders(admin, topic);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("Dead-letter topic {} not ready after {} s ({}); continuing, Kafka may create it on the first letter",
                            topic, PATIENCE.toSeconds(), e.getCause().toString());
                    return;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void create(Admin admin, String topic) throws ExecutionException, InterruptedException {
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get();
            LOG.info("Created dead-letter topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static void awaitLeaders(Admin admin, String topic) throws ExecutionException, InterruptedException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        description.partitions().forEach(partition -> ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
        admin.listOffsets(ends).all().get();
    }
}
