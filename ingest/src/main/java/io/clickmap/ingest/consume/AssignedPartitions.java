package io.clickmap.ingest.consume;

import io.clickmap.event.ClickEvent;
import io.clickmap.event.Source;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions this consumer owns, what they buffer in total, and which still wait for their
 * resume point. Decides when a flush is due: at a row count, a byte size, or when the oldest
 * unflushed work (a buffered row, a skip, a dead letter) is older than the linger.
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

    void stored(int rows, long bytes) {
        bufferedRows -= rows;
        bufferedBytes -= bytes;
    }

    /** Everything up to now is stored and committed. */
    void settled() {
        oldestWorkNanos = -1;
    }

    long bufferedRows() {
        return bufferedRows;
    }

    boolean flushDue() {
        if (bufferedRows >= batching.rows() || bufferedBytes >= batching.bytes()) {
            return true;
        }
        return oldestWorkNanos >= 0 && System.nanoTime() - oldestWorkNanos >= batching.linger().toNanos();
    }

    /** How long until the linger makes a flush due; Long.MAX_VALUE with nothing unflushed. */
    long nanosUntilLinger() {
        return oldestWorkNanos < 0 ? Long.MAX_VALUE : oldestWorkNanos + batching.linger().toNanos() - System.nanoTime();
    }

    boolean hasUnfinishedWork() {
        return states.values().stream().anyMatch(PartitionState::hasUnfinishedWork);
    }
}
