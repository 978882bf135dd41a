package io.clickmap.ingest.consume;

import io.clickmap.ingest.deadletter.DeadLetters;
import io.clickmap.ingest.observe.IngestMetrics;
import io.clickmap.ingest.store.EventBatch;
import io.clickmap.ingest.store.EventStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores every buffered batch, makes sure every dead letter is acknowledged, then commits the
 * offsets after them: the order that makes a commit mean "stored". A batch that is stored is
 * removed at once, so a retry after a failure half-way stores only the rest.
 */
final class Flush {
    private static final Logger LOG = LoggerFactory.getLogger(Flush.class);
    static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    enum Outcome { COMMITTED, COMMIT_DEFERRED, DEAD_LETTERS_PENDING }

    private final Consumer<byte[], byte[]> consumer;
    private final EventStore store;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final FlushListener listener;

    Flush(Consumer<byte[], byte[]> consumer, EventStore store, DeadLetters deadLetters, IngestMetrics metrics, FlushListener listener) {
        this.consumer = consumer;
        this.store = store;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.listener = listener;
    }

    /** Client exceptions from ClickHouse or Kafka propagate: the caller classifies them. */
    Outcome run(AssignedPartitions partitions) {
        int rows = 0;
        for (PartitionState state : partitions.all()) {
            for (EventBatch batch : state.batches()) {
                long started = System.nanoTime();
                int inserted = store.store(batch);
                metrics.stored(inserted, System.nanoTime() - started);
                state.stored(batch);
                partitions.stored(batch.count(), batch.bytes());
                rows += inserted;
                LOG.debug("Stored {} in {} ms", batch, (System.nanoTime() - started) / 1_000_000);
            }
        }
        listener.storedBeforeCommit(rows);
        if (!deadLetters.confirm()) {
            return Outcome.DEAD_LETTERS_PENDING;
        }
        return commit(partitions);
    }

    private Outcome commit(AssignedPartitions partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionState state : partitions.all()) {
            long offset = state.offsetToCommit();
            if (offset >= 0) {
                offsets.put(state.partition(), new OffsetAndMetadata(offset));
            }
        }
        if (offsets.isEmpty()) {
            return Outcome.COMMITTED;
        }
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
        } catch (RebalanceInProgressException e) {
            // Rows are stored; the commit waits until the next poll has completed the rebalance. A
            // crash meanwhile costs a re-read, never a duplicate: the resume point skips stored rows.
            LOG.debug("Commit of {} deferred by a rebalance in progress", offsets.keySet());
            return Outcome.COMMIT_DEFERRED;
        } catch (CommitFailedException e) {
            // The group moved these partitions elsewhere meanwhile; their new owner resumes from the
            // last commit and skips what is stored, so nothing is lost or doubled.
            LOG.warn("Commit of {} refused after a rebalance; the partitions' new owner continues from what is stored", offsets.keySet());
            return Outcome.COMMITTED;
        }
        offsets.keySet().forEach(partition -> partitions.get(partition).committed());
        return Outcome.COMMITTED;
    }
}
