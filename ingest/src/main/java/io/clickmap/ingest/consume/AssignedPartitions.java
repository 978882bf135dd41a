package io.clickmap.ingest.consume;

import io.clickmap.event.ClickEvent;
import io.clickmap.event.Source;
import io.clickmap.ingest.store.EventBatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions this consumer owns, what they buffer in total, and which still wait for their
 * resume point. Decides when a flush is due: at a row count, a byte size, or when the oldest
 * unsealed work (a buffered row, a skip, a dead letter) is older than the linger.
 */
final class AssignedPartitions {
    private final EventConsumer.Batching batching;
    private final Map<TopicPartition, PartitionState> states = new HashMap<>();
    private final Set<TopicPartition> awaitingResume = new HashSet<>();
    private long bufferedRows;
    private long bufferedBytes;
    private long oldestWorkNanos = -1;

    AssignedPartitions(EventConsumer.Batching batching) {
        this.batching = batching;
    }

    void assign(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            states.put(partition, new PartitionState(partition));
            awaitingResume.add(partition);
        }
    }

    /** Drops partitions handed to another consumer; what they buffered is not stored by this one. */
    void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            PartitionState state = states.remove(partition);
            awaitingResume.remove(partition);
            if (state != null) {
                bufferedRows -= state.bufferedRows();
                bufferedBytes -= state.bufferedBytes();
            }
        }
        if (!hasUnfinishedWork()) {
            oldestWorkNanos = -1;
        }
    }

    PartitionState get(TopicPartition partition) {
        return states.get(partition);
    }

    Collection<PartitionState> all() {
        return states.values();
    }

    Set<TopicPartition> awaitingResume() {
        return awaitingResume;
    }

    void resumeKnown(TopicPartition partition) {
        awaitingResume.remove(partition);
    }

    void buffer(PartitionState state, ClickEvent event, Source source) {
        bufferedBytes += state.buffer(event, source);
        bufferedRows++;
    }

    void workArrived() {
        if (oldestWorkNanos < 0) {
            oldestWorkNanos = System.nanoTime();
        }
    }

    /** Takes every buffered batch and the offsets to commit after them; buffering starts afresh. */
    SealedFlush seal() {
        List<EventBatch> batches = new ArrayList<>();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (PartitionState state : states.values()) {
            batches.addAll(state.takeBatches());
            long offset = state.offsetToCommit();
            if (offset >= 0) {
                offsets.put(state.partition(), offset);
            }
        }
        bufferedRows = 0;
        bufferedBytes = 0;
        oldestWorkNanos = -1;
        return new SealedFlush(batches, offsets);
    }

    /** Records a commit; offsets of partitions handed over meanwhile are ignored. */
    void committed(Map<TopicPartition, Long> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionState state = states.get(partition);
            if (state != null) {
                state.committed(offset);
            }
        });
    }

    long bufferedRows() {
        return bufferedRows;
    }

    boolean flushDue() {
        return full() || oldestWorkNanos >= 0 && System.nanoTime() - oldestWorkNanos >= batching.linger().toNanos();
    }

    /** A batch's worth is buffered: no more should be read until the previous flush is out of the way. */
    boolean full() {
        return bufferedRows >= batching.rows() || bufferedBytes >= batching.bytes();
    }

    /** How long until the linger makes a flush due; Long.MAX_VALUE with nothing unflushed. */
    long nanosUntilLinger() {
        return oldestWorkNanos < 0 ? Long.MAX_VALUE : oldestWorkNanos + batching.linger().toNanos() - System.nanoTime();
    }

    boolean hasUnfinishedWork() {
        return states.values().stream().anyMatch(PartitionState::hasUnfinishedWork);
    }
}
