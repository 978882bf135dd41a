package io.clickmap.ingest.store;

import io.clickmap.event.ClickEvent;
import io.clickmap.event.Source;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The rows of one Kafka partition that fall into one ClickHouse table partition (a UTC month):
 * inserted with one statement, they become one part, which lands whole or not at all. Rows are
 * encoded on arrival in the column order of {@link #COLUMNS}.
 */
public final class EventBatch {
    /** Written explicitly so that columns added later (with defaults) do not break older ingest versions. */
    static final List<String> COLUMNS = List.of("uuid", "team_id", "event", "timestamp", "distinct_id", "current_url",
            "elements_chain", "properties", "property_keys", "property_values", "kafka_topic", "kafka_partition", "kafka_offset",
            "inserted_at");

    private final String topic;
    private final int partition;
    private final int month;
    private final RowBinary rows = new RowBinary();
    private long firstOffset = -1;
    private long lastOffset = -1;
    private int count;
    private List<EventBatch> failedInsert;

    public EventBatch(String topic, int partition, int month) {
        this.topic = topic;
        this.partition = partition;
        this.month = month;
    }

    /** The table partition (toYYYYMM in UTC) a click belongs to. */
    public static int monthOf(ClickEvent event) {
        LocalDate day = LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC);
        return day.getYear() * 100 + day.getMonthValue();
    }

    public void add(ClickEvent event, Source source) {
        rows.uuid(event.uuid().getMostSignificantBits(), event.uuid().getLeastSignificantBits());
        rows.int64(event.teamId());
        rows.string(event.event());
        rows.uint32(event.timestamp().getEpochSecond());
        rows.string(event.distinctId());
        rows.string(event.currentUrl());
        rows.string(event.elementsChain());
        rows.string(event.properties());
        rows.strings(event.scalarProperties().keySet());
        rows.strings(event.scalarProperties().values());
        rows.string(source.topic());
        rows.uint32(source.partition());
        rows.int64(source.offset());
        // Written here rather than left to the column's DEFAULT now(): a retried insert must be the same block, byte for
        // byte, for a cluster's replicated tables to recognise it. Taken on arrival, before the insert, as the trends'
        // rollup coverage needs (a row must not look stored later than it was).
        rows.uint32(System.currentTimeMillis() / 1000);
        if (firstOffset < 0) {
            firstOffset = source.offset();
        }
        lastOffset = source.offset();
        count++;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public int month() {
        return month;
    }

    public int count() {
        return count;
    }

    public int bytes() {
        return rows.size();
    }

    public long firstOffset() {
        return firstOffset;
    }

    public long lastOffset() {
        return lastOffset;
    }

    RowBinary rows() {
        return rows;
    }

    /** Once stored, the batch's memory goes back to the pool for the batches to come. */
    public void release() {
        rows.release();
    }

    /** Whether an insert of this batch failed in a way that leaves open whether it landed. */
    boolean uncertain() {
        return failedInsert != null;
    }

    /** The batches of the last insert of this one that failed ambiguously, in their order, or null. */
    List<EventBatch> failedInsert() {
        return failedInsert;
    }

    void markUncertain(List<EventBatch> insert) {
        failedInsert = insert;
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "@" + firstOffset + ".." + lastOffset + " (" + count + " rows, month " + month + ")";
    }
}
