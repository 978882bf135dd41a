package io.clickmap.capture.kafka;

import io.clickmap.capture.batch.CapturedEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One request's events waiting for a transaction; completed once Kafka committed or refused them, all together. */
record PendingAppend(List<CapturedEvent> events, long bytes, long deadlineNanos, CompletableFuture<Void> done) {
}
