package io.clickmap.ingest.consume;

import io.clickmap.ingest.observe.Health;
import io.clickmap.ingest.observe.IngestMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dependency (ClickHouse or Kafka) is failing: fetching is paused so nothing new piles up, and the
 * failed work is tried again after an exponential back-off. One log line per attempt, one when it
 * recovers; health turns unavailable if the outage lasts.
 */
final class Outage {
    private static final Logger LOG = LoggerFactory.getLogger(Outage.class);

    private final Consumer<?, ?> consumer;
    private final Health health;
    private final IngestMetrics metrics;
    private final Backoff backoff = new Backoff();
    private boolean ongoing;
    private long retryAtNanos;

    Outage(Consumer<?, ?> consumer, Health health, IngestMetrics metrics) {
        this.consumer = consumer;
        this.health = health;
        this.metrics = metrics;
    }

    boolean ongoing() {
        return ongoing;
    }

    /** Whether the back-off has passed, so failed work may be tried again (always, when all is well). */
    boolean mayRetry() {
        return System.nanoTime() >= retryAtNanos;
    }

    long nanosUntilRetry() {
        return retryAtNanos - System.nanoTime();
    }

    void failed(String what, Exception cause, long rowsKept) {
        Duration delay = backoff.next();
        retryAtNanos = System.nanoTime() + delay.toNanos();
        metrics.retried();
        String reason = what + (cause == null ? "" : ": " + cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()));
        health.retrying(reason);
        if (!ongoing) {
            consumer.pause(consumer.assignment());
        }
        ongoing = true;
        LOG.warn("{}; attempt {}, next in {} ms, {} rows kept", reason, backoff.attempts(), delay.toMillis(), rowsKept);
    }

    /** The failed work succeeded: fetching resumes, except for partitions still waiting for their resume point. */
    void over(Collection<TopicPartition> stillWaiting) {
        if (!ongoing) {
            return;
        }
        LOG.info("Recovered after {} attempts", backoff.attempts());
        ongoing = false;
        backoff.reset();
        retryAtNanos = 0;
        Set<TopicPartition> readable = new HashSet<>(consumer.assignment());
        readable.removeAll(stillWaiting);
        consumer.resume(readable);
        health.running();
    }

    /** Runs an attempt; a retryable failure starts or extends the outage, anything else is a bug and propagates. */
    <T> T attempt(String what, long rowsKept, Supplier<T> work, T onFailure) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (Failure.of(e) == Failure.BUG) {
                throw e;
            }
            failed(what, e, rowsKept);
            return onFailure;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
