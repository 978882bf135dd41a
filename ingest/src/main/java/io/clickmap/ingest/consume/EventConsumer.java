package io.clickmap.ingest.consume;

import io.clickmap.event.EventReader;
import io.clickmap.event.ReadResult;
import io.clickmap.event.Source;
import io.clickmap.ingest.deadletter.DeadLetters;
import io.clickmap.ingest.observe.Health;
import io.clickmap.ingest.observe.IngestMetrics;
import io.clickmap.ingest.resume.ResumePoint;
import io.clickmap.ingest.resume.StoredOffsets;
import io.clickmap.ingest.store.EventBatch;
import io.clickmap.ingest.store.EventStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest loop: read, validate, buffer, store, commit. Offsets are committed only after every
 * row before them is stored and every dead letter before them is acknowledged. When ClickHouse or
 * Kafka fails, fetching pauses and the flush is retried with back-off, buffers kept; a failure of
 * any other kind is a bug and ends the loop without committing, so nothing is skipped.
 */
public final class EventConsumer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Batching batching;
    private final EventReader reader;
    private final EventStore store;
    private final StoredOffsets storedOffsets;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final Health health;
    private final FlushListener listener;

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final Set<TopicPartition> awaitingResume = new HashSet<>();
    private final Backoff backoff = new Backoff();
    private final CountDownLatch finished = new CountDownLatch(1);
    private long bufferedRows;
    private long bufferedBytes;
    private long oldestWorkNanos = -1;
    private long retryAtNanos;
    private boolean retrying;
    private long lagCheckedNanos;
    private volatile boolean stopping;
    private volatile boolean crashed;

    /** When a flush is due: at a row count, a byte size, or when the oldest unflushed work is this old. */
    public record Batching(int rows, long bytes, Duration linger) {
    }

    public EventConsumer(Consumer<byte[], byte[]> consumer, String topic, Batching batching, EventReader reader,
                         EventStore store, StoredOffsets storedOffsets, DeadLetters deadLetters,
                         IngestMetrics metrics, Health health, FlushListener listener) {
        this.consumer = consumer;
        this.topic = topic;
        this.batching = batching;
        this.reader = reader;
        this.store = store;
        this.storedOffsets = storedOffsets;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.health = health;
        this.listener = listener;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            health.running();
            while (!stopping) {
                step();
            }
        } catch (WakeupException e) {
            if (!stopping) {
                crashed = true;
                throw e;
            }
        } catch (RuntimeException | Error e) {
            crashed = true;
            throw e;
        } finally {
            try {
                if (!crashed) {
                    drain();
                }
                consumer.close(Duration.ofSeconds(3));
            } finally {
                health.stopped();
                finished.countDown();
            }
        }
    }

    /** Asks the loop to store what it holds, commit, and leave the group; returns at once. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void step() {
        if (System.nanoTime() >= retryAtNanos) {
            if (!awaitingResume.isEmpty()) {
                resolveResumePoints();
            }
            if (flushDue()) {
                flush();
            }
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollWait());
        if (!records.isEmpty()) {
            process(records);
            if (flushDue() && System.nanoTime() >= retryAtNanos) {
                flush();
            }
        }
        recordLag();
    }

    private void process(ConsumerRecords<byte[], byte[]> records) {
        boolean dependencyDown = false;
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
            PartitionState state = partitions.get(partition);
            if (state == null) {
                continue;
            }
            if (dependencyDown || !state.resumeKnown()) {
                // not processed now: read these again once the resume point is known / the dependency is back
                consumer.seek(partition, batch.get(0).offset());
                continue;
            }
            metrics.consumed(batch.size());
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                if (!processOne(state, record)) {
                    consumer.seek(partition, record.offset());
                    dependencyDown = true;
                    break;
                }
            }
        }
    }

    /** False when the record could not be judged because a dependency is down; it is to be read again. */
    private boolean processOne(PartitionState state, ConsumerRecord<byte[], byte[]> record) {
        if (state.isAlreadyStored(record.offset())) {
            metrics.alreadyStored();
            state.processed(record.offset());
            return true;
        }
        Source source = new Source(record.topic(), record.partition(), record.offset(), record.timestamp());
        ReadResult result;
        try {
            result = reader.read(record.value(), source);
        } catch (RuntimeException e) {
            if (Failure.of(e) == Failure.BUG) {
                throw e;
            }
            retryLater("looking up environments failed", e);
            return false;
        }
        if (result instanceof ReadResult.Accepted accepted) {
            bufferedBytes += state.buffer(accepted.event(), source);
            bufferedRows++;
        } else if (result instanceof ReadResult.Rejected rejected) {
            deadLetters.send(record, rejected.rejection());
            metrics.deadLettered(rejected.rejection().code().wireName());
        } else {
            metrics.skipped();
        }
        state.processed(record.offset());
        if (oldestWorkNanos < 0) {
            oldestWorkNanos = System.nanoTime();
        }
        return true;
    }

    private boolean flushDue() {
        if (retrying) {
            return true;
        }
        if (bufferedRows >= batching.rows() || bufferedBytes >= batching.bytes()) {
            return true;
        }
        return oldestWorkNanos >= 0 && System.nanoTime() - oldestWorkNanos >= batching.linger().toNanos();
    }

    /**
     * Stores every buffered batch, confirms the dead letters, commits. Returns false when a dependency
     * failed: what was stored stays stored, the rest is kept and retried after a back-off.
     */
    private boolean flush() {
        try {
            int rows = 0;
            for (PartitionState state : partitions.values()) {
                for (EventBatch batch : state.batches()) {
                    long started = System.nanoTime();
                    int inserted = store.store(batch);
                    metrics.stored(inserted, System.nanoTime() - started);
                    state.stored(batch);
                    bufferedRows -= batch.count();
                    bufferedBytes -= batch.bytes();
                    rows += inserted;
                    LOG.debug("Stored {} in {} ms", batch, (System.nanoTime() - started) / 1_000_000);
                }
            }
            listener.storedBeforeCommit(rows);
            if (!deadLetters.confirm()) {
                retryLater(deadLetters.unconfirmed() + " dead letters not acknowledged by Kafka", null);
                return false;
            }
            if (commit()) {
                oldestWorkNanos = -1;
            }
            recovered();
            return true;
        } catch (RuntimeException e) {
            if (Failure.of(e) == Failure.BUG) {
                throw e;
            }
            retryLater("storing or committing failed", e);
            return false;
        }
    }

    /** Commits what is stored; false when a rebalance in progress defers it to a later flush. */
    private boolean commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((partition, state) -> {
            long offset = state.offsetToCommit();
            if (offset >= 0) {
                offsets.put(partition, new OffsetAndMetadata(offset));
            }
        });
        if (offsets.isEmpty()) {
            return true;
        }
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
        } catch (RebalanceInProgressException e) {
            // Rows are stored; the commit waits until the next poll has completed the rebalance. A
            // crash meanwhile costs a re-read, never a duplicate: the resume point skips stored rows.
            LOG.debug("Commit of {} deferred by a rebalance in progress", offsets.keySet());
            return false;
        } catch (CommitFailedException e) {
            // The group moved these partitions elsewhere meanwhile; their new owner resumes from the
            // last commit and skips what is stored, so nothing is lost or doubled.
            LOG.warn("Commit of {} refused after a rebalance; the partitions' new owner continues from what is stored", offsets.keySet());
            return true;
        }
        offsets.keySet().forEach(partition -> partitions.get(partition).committed());
        return true;
    }

    private void resolveResumePoints() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(awaitingResume), COMMIT_TIMEOUT);
            for (TopicPartition partition : new ArrayList<>(awaitingResume)) {
                OffsetAndMetadata offset = committed.get(partition);
                ResumePoint point = storedOffsets.resumePoint(topic, partition.partition(),
                        offset == null ? OptionalLong.empty() : OptionalLong.of(offset.offset()));
                if (point.position() >= 0) {
                    consumer.seek(partition, point.position());
                }
                if (offset == null) {
                    // Record a starting point at once, so a crash before the first flush never leaves
                    // this group without a commit to resume from.
                    consumer.commitSync(Map.of(partition, new OffsetAndMetadata(consumer.position(partition))), COMMIT_TIMEOUT);
                }
                partitions.get(partition).resumeFrom(point);
                awaitingResume.remove(partition);
                if (!retrying) {
                    consumer.resume(List.of(partition));
                }
                LOG.info("Partition {} resumes {}", partition, point);
            }
        } catch (RuntimeException e) {
            if (Failure.of(e) == Failure.BUG) {
                throw e;
            }
            retryLater("finding where to resume " + awaitingResume + " failed", e);
        }
    }

    private void retryLater(String what, Exception cause) {
        Duration delay = backoff.next();
        retryAtNanos = System.nanoTime() + delay.toNanos();
        metrics.retried();
        String reason = what + (cause == null ? "" : ": " + cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()));
        health.retrying(reason);
        if (!retrying) {
            consumer.pause(consumer.assignment());
        }
        retrying = true;
        LOG.warn("{}; attempt {}, next in {} ms, {} rows kept", reason, backoff.attempts(), delay.toMillis(), bufferedRows);
    }

    private void recovered() {
        if (!retrying) {
            return;
        }
        LOG.info("Recovered after {} attempts", backoff.attempts());
        retrying = false;
        backoff.reset();
        retryAtNanos = 0;
        Set<TopicPartition> readable = new HashSet<>(consumer.assignment());
        readable.removeAll(awaitingResume);
        consumer.resume(readable);
        health.running();
    }

    private Duration pollWait() {
        long untilRetry = retryAtNanos - System.nanoTime();
        if (retrying && untilRetry > 0) {
            return Duration.ofNanos(Math.min(untilRetry, MAX_POLL_WAIT.toNanos()));
        }
        if (oldestWorkNanos >= 0) {
            long untilLinger = oldestWorkNanos + batching.linger().toNanos() - System.nanoTime();
            return Duration.ofNanos(Math.max(0, Math.min(untilLinger, MAX_POLL_WAIT.toNanos())));
        }
        return MAX_POLL_WAIT;
    }

    private void recordLag() {
        long now = System.nanoTime();
        if (now - lagCheckedNanos < 1_000_000_000L) {
            return;
        }
        lagCheckedNanos = now;
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong behind = consumer.currentLag(partition);
            lag += behind.orElse(0);
        }
        metrics.lag(lag);
    }

    /** On stop: store and commit what is held, retrying for a few seconds; what cannot be stored is not committed. */
    private void drain() {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (hasUnfinishedWork() && System.nanoTime() < deadline) {
            try {
                if (flush()) {
                    break;
                }
                Thread.sleep(Math.max(0, Math.min(retryAtNanos, deadline) - System.nanoTime()) / 1_000_000);
            } catch (WakeupException e) {
                // the stop request's wake-up, delivered here instead of in poll: try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (hasUnfinishedWork()) {
            LOG.warn("Stopping with {} rows not stored; their offsets are not committed, so the next consumer reads them again", bufferedRows);
        }
    }

    private boolean hasUnfinishedWork() {
        return partitions.values().stream().anyMatch(PartitionState::hasUnfinishedWork);
    }

    private void forget(Collection<TopicPartition> gone) {
        for (TopicPartition partition : gone) {
            PartitionState state = partitions.remove(partition);
            awaitingResume.remove(partition);
            if (state != null) {
                bufferedRows -= state.bufferedRows();
                bufferedBytes -= state.bufferedBytes();
            }
        }
        if (bufferedRows == 0 && !hasUnfinishedWork()) {
            oldestWorkNanos = -1;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Runs inside poll(): hands partitions over cleanly, and finds where new ones resume. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (revoked.isEmpty()) {
                return;
            }
            if (!crashed && hasUnfinishedWork() && !flush()) {
                LOG.warn("Giving up {} with rows not stored; the next owner reads them again", revoked);
            }
            forget(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            LOG.warn("Lost {} without a clean hand-over; their uncommitted rows are read again by the next owner", lost);
            forget(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            consumer.pause(assigned);
            for (TopicPartition partition : assigned) {
                partitions.put(partition, new PartitionState(partition));
                awaitingResume.add(partition);
            }
            if (System.nanoTime() >= retryAtNanos) {
                resolveResumePoints();
            }
        }
    }
}
