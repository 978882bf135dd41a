package io.clickmap.ingest.consume;

import io.clickmap.event.EventReader;
import io.clickmap.event.ReadResult;
import io.clickmap.event.Source;
import io.clickmap.ingest.deadletter.DeadLetters;
import io.clickmap.ingest.observe.Health;
import io.clickmap.ingest.observe.IngestMetrics;
import io.clickmap.ingest.resume.StoredOffsets;
import io.clickmap.ingest.store.EventStore;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest loop: read, validate, buffer, store, commit. Offsets are committed only after every
 * row before them is stored and every dead letter before them is acknowledged. When ClickHouse or
 * Kafka fails, fetching pauses and the work is retried with back-off, buffers kept; a failure of any
 * other kind is a bug and ends the loop without committing, so nothing is skipped.
 */
public final class EventConsumer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
    private static final long MAX_POLL_WAIT_NANOS = Duration.ofMillis(100).toNanos();
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

    /** When a flush is due: at a row count, a byte size, or when the oldest unflushed work is this old. */
    public record Batching(int rows, long bytes, Duration linger) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final EventReader reader;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final Health health;
    private final AssignedPartitions partitions;
    private final Outage outage;
    private final ResumeResolver resumes;
    private final Flush flush;
    private final FlushPipeline flushes;
    private final CountDownLatch finished = new CountDownLatch(1);
    private long lagCheckedNanos;
    private volatile boolean stopping;
    private volatile boolean crashed;

    public EventConsumer(Consumer<byte[], byte[]> consumer, String topic, Batching batching, EventReader reader, EventStore store,
                         StoredOffsets storedOffsets, DeadLetters deadLetters, IngestMetrics metrics, Health health, FlushListener listener) {
        this.consumer = consumer;
        this.topic = topic;
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.health = health;
        this.partitions = new AssignedPartitions(batching);
        this.outage = new Outage(consumer, health, metrics);
        this.flush = new Flush(consumer, store, deadLetters, metrics, listener);
        this.flushes = new FlushPipeline(flush, outage, partitions, deadLetters);
        this.resumes = new ResumeResolver(consumer, storedOffsets);
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
                flush.close();
                consumer.close(CLOSE_TIMEOUT);
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
        flushes.collect();
        if (outage.mayRetry() && !partitions.awaitingResume().isEmpty()) {
            resolveResumePoints();
        }
        // checked again: a flush that succeeds (even one with nothing to store) ends the outage a failed resume just began
        if (outage.mayRetry()) {
            flushes.advance();
        }
        flushes.awaitIfFull();
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollWait());
        if (!records.isEmpty()) {
            process(records);
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
                // not processed now: read again once the resume point is known / the dependency is back
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
        ReadResult result = outage.attempt("looking up environments failed", partitions.bufferedRows(),
                () -> reader.read(record.value(), source), null);
        if (result == null) {
            return false;
        }
        if (result instanceof ReadResult.Accepted accepted) {
            partitions.buffer(state, accepted.event(), source);
        } else if (result instanceof ReadResult.Rejected rejected) {
            deadLetters.send(record, rejected.rejection());
            metrics.deadLettered(rejected.rejection().code().wireName());
        } else {
            metrics.skipped();
        }
        state.processed(record.offset());
        partitions.workArrived();
        return true;
    }

    private void resolveResumePoints() {
        outage.attempt("finding where to resume " + partitions.awaitingResume() + " failed", partitions.bufferedRows(),
                () -> {
                    resumes.resolve(partitions, !outage.ongoing());
                    return true;
                }, false);
    }

    private Duration pollWait() {
        long wait = Math.min(MAX_POLL_WAIT_NANOS, outage.ongoing() ? outage.nanosUntilRetry() : partitions.nanosUntilLinger());
        return Duration.ofNanos(Math.max(0, wait));
    }

    private void recordLag() {
        long now = System.nanoTime();
        if (now - lagCheckedNanos < 1_000_000_000L) {
            return;
        }
        lagCheckedNanos = now;
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        metrics.lag(lag);
    }

    /** On stop: store and commit what is held, retrying for a few seconds; what cannot be stored is not committed. */
    private void drain() {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while ((partitions.hasUnfinishedWork() || !flushes.idle()) && System.nanoTime() < deadline) {
            try {
                if (flushes.flushNow()) {
                    break;
                }
                long pause = Math.min(outage.nanosUntilRetry(), deadline - System.nanoTime());
                TimeUnit.NANOSECONDS.sleep(Math.max(0, pause));
            } catch (WakeupException e) {
                // the stop request's wake-up, delivered here instead of in poll: try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (partitions.hasUnfinishedWork() || !flushes.idle()) {
            LOG.warn("Stopping with {} rows not stored; their offsets are not committed, so the next consumer reads them again",
                    partitions.bufferedRows() + flushes.pendingRows());
        }
    }

    /** Runs inside poll(): hands partitions over cleanly, and finds where new ones resume. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (revoked.isEmpty()) {
                return;
            }
            if (!crashed && (partitions.hasUnfinishedWork() || !flushes.idle()) && !flushes.flushNow()) {
                LOG.warn("Giving up {} with rows not stored; the next owner reads them again", revoked);
            }
            flushes.forget(revoked);
            partitions.forget(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            LOG.warn("Lost {} without a clean hand-over; their uncommitted rows are read again by the next owner", lost);
            flushes.awaitInFlight();
            flushes.forget(lost);
            partitions.forget(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            consumer.pause(assigned);
            partitions.assign(assigned);
            if (outage.mayRetry()) {
                resolveResumePoints();
            }
        }
    }
}
