package io.clickmap.testing;

import org.testcontainers.kafka.KafkaContainer;

/** The official {@code apache/kafka} image, same version as the clients. */
final class ContainerKafka implements KafkaBroker {
    private final KafkaContainer container;

    ContainerKafka(String version) {
        container = new KafkaContainer("apache/kafka:" + version);
        container.start();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
