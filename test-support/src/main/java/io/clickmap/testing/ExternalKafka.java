package io.clickmap.testing;

/** A broker someone else runs ({@code KAFKA_BOOTSTRAP_SERVERS}). */
record ExternalKafka(String bootstrapServers) implements KafkaBroker {
    @Override
    public void close() {
    }
}
