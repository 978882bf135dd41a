package io.clickmap.capture.batch;

/** One event as the Kafka message ingest reads: keyed by its distinct id, the envelope JSON as value. */
public record CapturedEvent(byte[] key, byte[] envelope) {
}
