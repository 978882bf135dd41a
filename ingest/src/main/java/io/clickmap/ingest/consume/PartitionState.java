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
 * One assigned partition: its rows waiting to be sealed into a flush (one batch per month), the
 * offset up to which it is processed and the one up to which that is committed, and what its resume
 * point says is stored already. An unknown resume point means the partition must not be read yet.
 */
final class PartitionState {
    private final TopicPartition partition;
    private Map<Integer, EventBatch> batches = new TreeMap<>();
    private ResumePoint resume;
    private long nextOffset = -1;
    private long committedOffset = -1;

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
    }

    /** Hands the buffered batches over to a flush; buffering starts afresh. */
    List<EventBatch> takeBatches() {
        List<EventBatch> taken = new ArrayList<>(batches.values());
        batches = new TreeMap<>();
        return taken;
    }

    /** The offset a flush sealed now may commit once its rows are stored; -1 when nothing new is processed. */
    long offsetToCommit() {
        return nextOffset > committedOffset ? nextOffset : -1;
    }

    void committed(long offset) {
        committedOffset = Math.max(committedOffset, offset);
    }

    int bufferedRows() {
        return batches.values().stream().mapToInt(EventBatch::count).sum();
    }

    long bufferedBytes() {
        return batches.values().stream().mapToLong(EventBatch::bytes).sum();
    }

    boolean hasUnfinishedWork() {
        return nextOffset > committedOffset || !batches.isEmpty();
    }
}
