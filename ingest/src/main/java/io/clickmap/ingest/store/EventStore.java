package io.clickmap.ingest.store;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import java.util.concurrent.ExecutionException;

/**
 * Inserts batches into {@code events}, one statement per batch. A batch whose earlier insert failed
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
        if (batch.uncertain()) {
            BatchStatus status = BatchStatus.of(rowsStored(batch), batch.count());
            switch (status) {
                case STORED:
                    return 0;
                case PARTLY_STORED:
                    throw new IllegalStateException("batch " + batch + " is partly stored although an insert is one part; "
                            + "check for another writer on this topic partition");
                case NOT_STORED:
                    break;
            }
        }
        InsertResponse response;
        try {
            response = client.insert("events", EventBatch.COLUMNS, out -> batch.rows().writeTo(out),
                    ClickHouseFormat.RowBinary, COMPRESSED).get();
        } catch (InterruptedException e) {
            batch.markUncertain();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing " + batch, e);
        } catch (ExecutionException e) {
            batch.markUncertain();
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            batch.markUncertain();
            throw e;
        }
        response.close();
        return batch.count();
    }

    private long rowsStored(EventBatch batch) {
        String query = ROWS_OF_BATCH.bind("topic", batch.topic()).bind("partition", batch.partition())
                .bind("first", batch.firstOffset()).bind("last", batch.lastOffset()).bind("month", batch.month()).render();
        return sql.query(query, row -> row.get("rows").asLong()).get(0);
    }
}
