package io.clickmap.event;

/** Where a message came from: its Kafka coordinates and the record's own timestamp (epoch millis). */
public record Source(String topic, int partition, long offset, long timestamp) {
    @Override
    public String toString() {
        return topic + "/" + partition + "@" + offset;
    }
}
