package io.clickmap.ingest.consume;

import io.clickmap.event.ClickEvent;
import io.clickmap.event.Source;
import io.clickmap.ingest.resume.ResumePoint;
import io.clickmap.ingest.store.EventBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * One assigned partition: its rows waiting to be stored (one batch per month), the offset up to
 * which it is processed, and what its resume point says is stored already. Unknown resume point
 * (ClickHouse could not be asked yet) means the partition must not be read.
 */
final class PartitionState {
    private final TopicPartition partition;
    private final Map<Integer, EventBatch> batches = new TreeMap<>();
    private ResumePoint resume;
    private long nextOffset = -1;
    private boolean uncommitted;

    PartitionState(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    boolean resumeKnown() {
        return resume != null;
    }

    void resumeFrom(ResumePoint point) {
        resume = point;
    }

    boolean isAlreadyStored(long offset) {
        return resume.isStored(offset);
    }

    /** Buffers a click and returns how many bytes the batch grew by. */
    int buffer(ClickEvent event, Source source) {
        EventBatch batch = batches.computeIfAbsent(EventBatch.monthOf(event),
                month -> new EventBatch(partition.topic(), partition.partition(), month));
        int before = batch.bytes();
        batch.add(event, source);
        return batch.bytes() - before;
    }

    void processed(long offset) {
        nextOffset = offset + 1;
        uncommitted = true;
    }

    List<EventBatch> batches() {
        return new ArrayList<>(batches.values());
    }

    void stored(EventBatch batch) {
        batches.remove(batch.month());
    }

    int bufferedRows() {
        return batches.values().stream().mapToInt(EventBatch::count).sum();
    }

    long bufferedBytes() {
        return batches.values().stream().mapToLong(EventBatch::bytes).sum();
    }

    /** The offset to commit, once everything before it is stored; -1 when there is nothing new to commit. */
    long offsetToCommit() {
        return uncommitted && batches.isEmpty() ? nextOffset : -1;
    }

    void committed() {
        uncommitted = false;
    }

    boolean hasUnfinishedWork() {
        return uncommitted || !batches.isEmpty();
    }
}
