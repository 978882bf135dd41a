package io.clickmap.testing;

/** A real Kafka broker the tests of one JVM share; chosen once by {@link SharedServers}. */
public interface KafkaBroker extends AutoCloseable {

    String bootstrapServers();

    @Override
    void close();
}
