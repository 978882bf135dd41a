package io.clickmap.ingest.consume;

import io.clickmap.ingest.store.EventBatch;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;

/**
 * What one flush must store and then commit: the batches taken from the partitions at sealing time
 * and, per partition, the offset after the last record processed by then. Batches leave as they are
 * stored, so retrying a flush that failed half-way stores only the rest.
 */
final class SealedFlush {
    private final List<EventBatch> batches;
    private final Map<TopicPartition, Long> offsets;
    private final int rows;

    SealedFlush(List<EventBatch> batches, Map<TopicPartition, Long> offsets) {
        this.batches = new CopyOnWriteArrayList<>(batches);
        this.offsets = new ConcurrentHashMap<>(offsets);
        this.rows = batches.stream().mapToInt(EventBatch::count).sum();
    }

    List<EventBatch> unstored() {
        return List.copyOf(batches);
    }

    void stored(EventBatch batch) {
        batches.remove(batch);
    }

    Map<TopicPartition, Long> offsets() {
        return Map.copyOf(offsets);
    }

    int rows() {
        return rows;
    }

    /** Drops what belongs to partitions this consumer no longer owns: their next owner reads them again. */
    void forget(Collection<TopicPartition> partitions) {
        batches.removeIf(batch -> partitions.contains(new TopicPartition(batch.topic(), batch.partition())));
        partitions.forEach(offsets::remove);
    }
}
