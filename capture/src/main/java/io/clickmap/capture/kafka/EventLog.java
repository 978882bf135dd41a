package io.clickmap.capture.kafka;

import io.clickmap.capture.batch.CapturedEvent;
import io.clickmap.capture.config.CaptureConfig;
import io.clickmap.capture.errors.Rejection;
import io.clickmap.capture.observe.CaptureMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka topic as capture's durable log. A request's events are appended in one Kafka transaction,
 * together with whatever other requests arrived meanwhile (group commit), so a request is stored whole or
 * not at all: a 200 means committed (acks=all, idempotent), a 503 means nothing of it is visible to ingest,
 * which reads committed messages only. Memory is bounded by {@code capture.in-flight-bytes}: beyond it a
 * request is refused at once (503) instead of queued.
 */
public final class EventLog implements AutoCloseable {
    private final LinkedBlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
    private final Semaphore inFlight;
    private final Duration timeout;
    private final List<TransactionalSender> senders = new ArrayList<>();

    public EventLog(CaptureConfig config, CaptureMetrics metrics) {
        this.inFlight = new Semaphore((int) Math.min(Integer.MAX_VALUE, config.inFlightBytes()));
        this.timeout = config.kafkaTimeout();
        String instance = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < config.kafkaProducers(); i++) {
            TransactionalSender sender = new TransactionalSender(config, "clickmap-capture-" + instance + "-" + i, queue, metrics);
            senders.add(sender);
            sender.start();
        }
    }

    /** Completes when every event is committed; fails with a 503 {@link Rejection} when Kafka did not take them in time. */
    public CompletableFuture<Void> append(List<CapturedEvent> events) {
        long bytes = 0;
        for (CapturedEvent event : events) {
            bytes += event.key().length + event.envelope().length;
        }
        int permits = (int) Math.min(Integer.MAX_VALUE, bytes);
        if (!inFlight.tryAcquire(permits)) {
            return CompletableFuture.failedFuture(Rejection.unavailable("overloaded",
                    "Capture is holding as many events as it may while Kafka takes them; retry shortly."));
        }
        PendingAppend pending = new PendingAppend(events, bytes, System.nanoTime() + timeout.toNanos(), new CompletableFuture<>());
        pending.done().whenComplete((ok, failure) -> inFlight.release(permits));
        queue.add(pending);
        // A backstop: senders refuse what waited too long, but a sender stuck in Kafka's client must not hold the client forever.
        return pending.done().orTimeout(timeout.toMillis() * 2 + 1_000, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(failure instanceof TimeoutException
                        ? Rejection.unavailable("kafka_timeout", "Kafka did not confirm the events in time; retry.") : failure));
    }

    /** True while the last transaction (or the last attempt to start a producer) of every sender succeeded. */
    public boolean healthy() {
        return senders.stream().allMatch(TransactionalSender::healthy);
    }

    @Override
    public void close() {
        senders.forEach(TransactionalSender::stop);
    }
}
