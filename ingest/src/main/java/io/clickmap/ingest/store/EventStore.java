package io.clickmap.ingest.store;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Inserts batches into {@code events}, one statement per month of a flush. A batch whose earlier insert failed
 * ambiguously is first looked up, so retrying never stores a row twice. Failures are thrown as the
 * client's exceptions for the caller to classify; a half-stored batch is a broken invariant
 * ({@link IllegalStateException}).
 */
public final class EventStore {
    private static final SqlTemplate ROWS_OF_BATCH = SqlTemplate.of("""
            SELECT count() AS rows FROM events
            WHERE kafka_topic = {topic} AND kafka_partition = {partition}
              AND kafka_offset BETWEEN {first} AND {last} AND toYYYYMM(timestamp) = {month}""");

    // The body is ClickHouse's native compressed blocks (NativeBlocks); decompress is a parameter of its HTTP
    // interface, not a setting, and is read by every version.
    private static final InsertSettings COMPRESSED = new InsertSettings().serverSetting("decompress", "1");

    private final Client client;
    private final ClickHouseSql sql;

    public EventStore(ClickHouseSql sql) {
        this.sql = sql;
        this.client = sql.client();
    }

    /** Stores the batch unless it already is; returns the rows this call inserted (0 if they were there). */
    public int store(EventBatch batch) {
        return store(List.of(batch));
    }

    /**
     * Stores batches of one month — of different Kafka partitions — in one statement, so that they are one part
     * (one part of {@code events} and one of each view, instead of as many as there are partitions: parts are
     * what ClickHouse must merge while it answers). Batches already stored are left out; returns the rows this
     * call inserted.
     */
    public int store(List<EventBatch> batches) {
        List<EventBatch> missing = new ArrayList<>(batches.size());
        for (EventBatch batch : batches) {
            if (batch.month() != batches.get(0).month()) {
                throw new IllegalArgumentException("one insert is one part only within one month: " + batches);
            }
            if (!batch.uncertain() || isMissing(batch)) {
                missing.add(batch);
            }
        }
        if (missing.isEmpty()) {
            return 0;
        }
        InsertResponse response;
        try {
            response = client.insert("events", EventBatch.COLUMNS, out -> {
                for (EventBatch batch : missing) {
                    batch.rows().writeTo(out);
                }
            }, ClickHouseFormat.RowBinary, COMPRESSED).get();
        } catch (InterruptedException e) {
            missing.forEach(EventBatch::markUncertain);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing " + missing, e);
        } catch (ExecutionException e) {
            missing.forEach(EventBatch::markUncertain);
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            missing.forEach(EventBatch::markUncertain);
            throw e;
        }
        response.close();
        return missing.stream().mapToInt(EventBatch::count).sum();
    }

    /** For a batch whose earlier insert failed ambiguously: whether it did not land after all. */
    private boolean isMissing(EventBatch batch) {
        return switch (BatchStatus.of(rowsStored(batch), batch.count())) {
            case STORED -> false;
            case NOT_STORED -> true;
            case PARTLY_STORED -> throw new IllegalStateException("batch " + batch + " is partly stored although an insert is one part; "
                    + "check for another writer on this topic partition");
        };
    }

    private long rowsStored(EventBatch batch) {
        String query = ROWS_OF_BATCH.bind("topic", batch.topic()).bind("partition", batch.partition())
                .bind("first", batch.firstOffset()).bind("last", batch.lastOffset()).bind("month", batch.month()).render();
        return sql.query(query, row -> row.get("rows").asLong()).get(0);
    }
}
