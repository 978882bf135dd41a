package io.clickmap.ingest.consume;

import io.clickmap.ingest.deadletter.DeadLetters;
import io.clickmap.ingest.observe.IngestMetrics;
import io.clickmap.ingest.store.EventBatch;
import io.clickmap.ingest.store.EventStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a sealed flush (the batches of each month in one insert, one part; months in parallel on
 * threads of their own), then, on the consumer's thread, makes sure every dead letter is acknowledged
 * and commits the offsets after them: the order that makes a commit mean "stored".
 */
final class Flush implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Flush.class);
    static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    /** The months of one flush (one insert each) are inserted side by side, at most this many at once. */
    private static final int INSERT_THREADS = 4;

    enum Outcome { COMMITTED, COMMIT_DEFERRED, DEAD_LETTERS_PENDING }

    private final Consumer<byte[], byte[]> consumer;
    private final EventStore store;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final FlushListener listener;
    private final ExecutorService inserts;

    Flush(Consumer<byte[], byte[]> consumer, EventStore store, DeadLetters deadLetters, IngestMetrics metrics, FlushListener listener) {
        this.consumer = consumer;
        this.store = store;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.listener = listener;
        AtomicInteger threads = new AtomicInteger();
        this.inserts = Executors.newFixedThreadPool(INSERT_THREADS, work -> {
            Thread thread = new Thread(work, "ingest-insert-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Lets inserts already sent finish, so none lands after this consumer has left the group. */
    @Override
    public void close() {
        inserts.shutdown();
        try {
            if (!inserts.awaitTermination(COMMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Inserts still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Inserts every unstored batch, those of one month together (one statement, one part: usually the whole
     * flush), the months side by side; completes when all attempts are over, exceptionally if any failed.
     */
    CompletableFuture<Void> store(SealedFlush sealed) {
        Map<Integer, List<EventBatch>> byMonth = new TreeMap<>();
        for (EventBatch batch : sealed.unstored()) {
            byMonth.computeIfAbsent(batch.month(), month -> new ArrayList<>()).add(batch);
        }
        List<CompletableFuture<Void>> attempts = new ArrayList<>(byMonth.size());
        for (List<EventBatch> month : byMonth.values()) {
            attempts.add(CompletableFuture.runAsync(() -> {
                long started = System.nanoTime();
                int inserted = store.store(month);
                metrics.stored(inserted, System.nanoTime() - started);
                for (EventBatch batch : month) {
                    sealed.stored(batch);
                    batch.release();
                }
                LOG.debug("Stored {} in {} ms", month, (System.nanoTime() - started) / 1_000_000);
            }, inserts));
        }
        return CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new));
    }

    /** Client exceptions from Kafka propagate: the caller classifies them. */
    Outcome commit(SealedFlush sealed, AssignedPartitions partitions) {
        listener.storedBeforeCommit(sealed.rows());
        if (!deadLetters.confirm()) {
            return Outcome.DEAD_LETTERS_PENDING;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        sealed.offsets().forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
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
        partitions.committed(sealed.offsets());
        return Outcome.COMMITTED;
    }
}
