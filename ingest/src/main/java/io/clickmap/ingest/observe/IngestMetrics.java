package io.clickmap.ingest.observe;

import static io.clickmap.observe.PrometheusText.counter;
import static io.clickmap.observe.PrometheusText.gauge;

import io.clickmap.observe.Histogram;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What ingest has done, for {@code /metrics} in Prometheus' text format. Written by the consumer
 * thread, read by the status server's; every skipped or dead-lettered message is counted here.
 */
public final class IngestMetrics {
    private final LongAdder consumed = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder alreadyStored = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();
    private final AtomicLong lag = new AtomicLong();
    private final Histogram insertSeconds = new Histogram("clickmap_ingest_insert_seconds",
            "Time of one insert into ClickHouse (the batches of one month of a flush)", 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);
    private final Histogram batchRows = new Histogram("clickmap_ingest_batch_rows",
            "Rows per insert", 10, 100, 1_000, 5_000, 10_000, 25_000, 50_000, 100_000);

    public void consumed(int records) {
        consumed.add(records);
    }

    public void stored(int rows, long nanos) {
        stored.add(rows);
        batchRows.observe(rows);
        insertSeconds.observe(nanos / 1e9);
    }

    public void skipped() {
        skipped.increment();
    }

    public void alreadyStored() {
        alreadyStored.increment();
    }

    public void deadLettered(String reason) {
        deadLettered.computeIfAbsent(reason, key -> new LongAdder()).increment();
    }

    public void retried() {
        retries.increment();
    }

    public void lag(long records) {
        lag.set(records);
    }

    public long storedTotal() {
        return stored.sum();
    }

    public String prometheusText() {
        StringBuilder out = new StringBuilder(2048);
        counter(out, "clickmap_ingest_consumed_total", "Kafka records read", consumed.sum());
        counter(out, "clickmap_ingest_stored_total", "Click events stored in ClickHouse", stored.sum());
        counter(out, "clickmap_ingest_skipped_total", "Valid events that are not clicks, not stored", skipped.sum());
        counter(out, "clickmap_ingest_already_stored_total", "Records re-read after a restart and skipped because ClickHouse had them", alreadyStored.sum());
        counter(out, "clickmap_ingest_retries_total", "Failed attempts against ClickHouse or Kafka, retried with backoff", retries.sum());
        counter(out, "clickmap_ingest_dead_lettered_total", "Messages sent to the dead-letter topic, by reason", "reason", deadLettered);
        gauge(out, "clickmap_ingest_consumer_lag", "Records on the assigned partitions not yet read", lag.get());
        insertSeconds.writeTo(out);
        batchRows.writeTo(out);
        return out.toString();
    }
}
