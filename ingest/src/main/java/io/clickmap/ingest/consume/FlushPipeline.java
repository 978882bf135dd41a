package io.clickmap.ingest.consume;

import io.clickmap.ingest.deadletter.DeadLetters;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.TopicPartition;

/**
 * Overlaps storing with reading: while one sealed flush is inserted on the insert threads, the
 * consumer fills the next batch. At most one flush is sealed and uncommitted at a time, so commits
 * stay in order; a failed flush is kept whole and retried after the outage's back-off.
 */
final class FlushPipeline {
    private final Flush flush;
    private final Outage outage;
    private final AssignedPartitions partitions;
    private final DeadLetters deadLetters;
    /** Sealed and not yet committed. */
    private SealedFlush pending;
    /** The pending flush's inserts while they run. */
    private CompletableFuture<Void> storing;

    FlushPipeline(Flush flush, Outage outage, AssignedPartitions partitions, DeadLetters deadLetters) {
        this.flush = flush;
        this.outage = outage;
        this.partitions = partitions;
        this.deadLetters = deadLetters;
    }

    /** Commits a flush whose inserts have finished; never waits. */
    void collect() {
        finishStoring(false);
    }

    /** Retries a failed flush, or seals a new one when it is due; call when the outage allows a retry. */
    void advance() {
        if (pending != null && storing == null) {
            startStoring();
        } else if (pending == null && (outage.ongoing() || partitions.flushDue())) {
            pending = partitions.seal();
            startStoring();
        }
    }

    /** Back-pressure: with a full batch waiting, wait for the flush in flight before reading more. */
    void awaitIfFull() {
        if (storing != null && partitions.full()) {
            finishStoring(true);
        }
    }

    /** Stores and commits everything now, waiting; false when a dependency failed (the outage has begun). */
    boolean flushNow() {
        finishStoring(true);
        if (pending != null) {
            startStoring();
            finishStoring(true);
            if (pending != null) {
                return false;
            }
        }
        pending = partitions.seal();
        startStoring();
        finishStoring(true);
        return pending == null;
    }

    boolean idle() {
        return pending == null;
    }

    int pendingRows() {
        return pending == null ? 0 : pending.rows();
    }

    /** Waits for inserts already sent, whatever their outcome, so none lands after a partition's next owner has looked. */
    void awaitInFlight() {
        if (storing != null) {
            storing.exceptionally(failure -> null).join();
        }
    }

    /** Never stores what belongs to partitions handed over: their next owner reads them again. */
    void forget(Collection<TopicPartition> gone) {
        if (pending != null) {
            pending.forget(gone);
        }
    }

    private void startStoring() {
        storing = flush.store(pending);
    }

    private void finishStoring(boolean wait) {
        if (storing == null || (!wait && !storing.isDone())) {
            return;
        }
        try {
            storing.join();
        } catch (CompletionException e) {
            storing = null;
            Throwable cause = e.getCause();
            if (!(cause instanceof RuntimeException failure) || Failure.of(failure) == Failure.BUG) {
                throw e;
            }
            outage.failed("storing failed", failure, partitions.bufferedRows() + pending.rows());
            return;
        }
        storing = null;
        commit();
    }

    private void commit() {
        Flush.Outcome outcome = outage.attempt("committing failed", partitions.bufferedRows(), () -> flush.commit(pending, partitions), null);
        if (outcome == null) {
            return;
        }
        if (outcome == Flush.Outcome.DEAD_LETTERS_PENDING) {
            outage.failed(deadLetters.unconfirmed() + " dead letters not acknowledged by Kafka", null, partitions.bufferedRows());
            return;
        }
        if (outcome == Flush.Outcome.COMMIT_DEFERRED) {
            // the same offsets go with the next flush
            partitions.workArrived();
        }
        pending = null;
        outage.over(partitions.awaitingResume());
    }
}
