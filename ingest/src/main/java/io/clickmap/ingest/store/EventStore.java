package io.clickmap.ingest.store;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.EveryReplica;
import io.clickmap.clickhouse.SqlTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Inserts batches into {@code events_landing}, whose views fill {@code events} and every rollup, one statement per
 * month of a flush. A batch whose earlier insert failed
 * ambiguously is first looked up, so retrying never stores a row twice. Failures are thrown as the
 * client's exceptions for the caller to classify; a half-stored batch is a broken invariant
 * ({@link IllegalStateException}).
 *
 * <p>On a cluster one insert is one part per shard, so a failed insert may have landed on some shards only. Retried
 * as the very same block it completes exactly: each replicated table a shard fills from it, {@code events} and each
 * rollup alike, recognises the part it already holds by its checksum and drops it (insert deduplication), and stores
 * the part it lacks. Only when the retry is not the same block — a rebalance took
 * some of its partitions away — are its batches looked up, on every replica, and a half-stored one stops ingest,
 * whose restart resumes by skipping the offsets already stored.
 */
public final class EventStore {
    private static final SqlTemplate ROWS_OF_BATCH = SqlTemplate.of("""
            SELECT kafka_offset AS offset FROM {events}
            WHERE kafka_topic = {topic} AND kafka_partition = {partition}
              AND kafka_offset BETWEEN {first} AND {last} AND toYYYYMM(timestamp) = {month}""");

    // The body is ClickHouse's native compressed blocks (NativeBlocks); decompress is a parameter of its HTTP
    // interface, not a setting, and is read by every version.
    private static final InsertSettings COMPRESSED = new InsertSettings().serverSetting("decompress", "1");

    private final Client client;
    private final ClickHouseSql sql;
    private final ClickHouseConfig config;

    public EventStore(ClickHouseSql sql, ClickHouseConfig config) {
        this.sql = sql;
        this.client = sql.client();
        this.config = config;
    }

    /** Stores the batch unless it already is; returns the rows this call inserted (0 if they were there). */
    public int store(EventBatch batch) {
        return store(List.of(batch));
    }

    /**
     * Stores batches of one month — of different Kafka partitions — in one statement, so that they are one part
     * (one part of {@code events} and one of each view, instead of as many as there are partitions: parts are
     * what ClickHouse must merge while it answers). Batches already stored are left out; returns the rows this
     * call inserted (on a cluster a block sent again counts in full, although the shards that held it dropped it).
     */
    public int store(List<EventBatch> batches) {
        List<EventBatch> missing = new ArrayList<>(batches.size());
        for (EventBatch batch : batches) {
            if (batch.month() != batches.get(0).month()) {
                throw new IllegalArgumentException("one insert is one part only within one month: " + batches);
            }
        }
        if (config.clustered() && isRetryOfOneInsert(batches)) {
            missing.addAll(batches);
        } else {
            for (EventBatch batch : batches) {
                if (!batch.uncertain() || isMissing(batch)) {
                    missing.add(batch);
                }
            }
        }
        if (missing.isEmpty()) {
            return 0;
        }
        InsertResponse response;
        try {
            response = client.insert("events_landing", EventBatch.COLUMNS, out -> {
                for (EventBatch batch : missing) {
                    batch.rows().writeTo(out);
                }
            }, ClickHouseFormat.RowBinary, COMPRESSED).get();
        } catch (InterruptedException e) {
            markUncertain(missing);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing " + missing, e);
        } catch (ExecutionException e) {
            markUncertain(missing);
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            markUncertain(missing);
            throw e;
        }
        response.close();
        return missing.stream().mapToInt(EventBatch::count).sum();
    }

    private static void markUncertain(List<EventBatch> insert) {
        List<EventBatch> attempt = List.copyOf(insert);
        attempt.forEach(batch -> batch.markUncertain(attempt));
    }

    private static boolean isRetryOfOneInsert(List<EventBatch> batches) {
        return batches.stream().allMatch(batch -> batches.equals(batch.failedInsert()));
    }

    /** For a batch whose earlier insert failed ambiguously: whether it did not land after all. */
    private boolean isMissing(EventBatch batch) {
        return switch (BatchStatus.of(rowsStored(batch), batch.count())) {
            case STORED -> false;
            case NOT_STORED -> true;
            case PARTLY_STORED -> throw new IllegalStateException(config.clustered()
                    ? "batch " + batch + " is stored on some shards only and cannot be retried as the same insert; restart ingest: "
                            + "it resumes by skipping the rows already stored"
                    : "batch " + batch + " is partly stored although an insert is one part; check for another writer on this topic partition");
        };
    }

    private long rowsStored(EventBatch batch) {
        String perReplica = EveryReplica.union(sql, config, "events", events -> ROWS_OF_BATCH.bind("events", events)
                .bind("topic", batch.topic()).bind("partition", batch.partition())
                .bind("first", batch.firstOffset()).bind("last", batch.lastOffset()).bind("month", batch.month()).render());
        return sql.query("SELECT uniqExact(offset) AS rows FROM (" + perReplica + ")", row -> row.get("rows").asLong()).get(0);
    }
}
