package io.clickmap.ingest.resume;

import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads which offsets of a topic partition ClickHouse already holds and decides where to resume.
 * Scans {@code events} by its Kafka columns; run once per partition assignment, not per batch.
 * ClickHouse failures propagate to the caller, who retries later.
 */
public final class StoredOffsets {
    private static final SqlTemplate SINCE = SqlTemplate.of("""
            SELECT kafka_offset AS offset FROM events
            WHERE kafka_topic = {topic} AND kafka_partition = {partition} AND kafka_offset >= {from}
            ORDER BY kafka_offset""");
    private static final SqlTemplate HIGHEST = SqlTemplate.of("""
            SELECT count() AS stored, max(kafka_offset) AS highest FROM events
            WHERE kafka_topic = {topic} AND kafka_partition = {partition}""");

    private final ClickHouseSql sql;

    public StoredOffsets(ClickHouseSql sql) {
        this.sql = sql;
    }

    public ResumePoint resumePoint(String topic, int partition, OptionalLong committed) {
        if (committed.isPresent()) {
            List<Long> stored = sql.query(SINCE.bind("topic", topic).bind("partition", partition).bind("from", committed.getAsLong()).render(),
                    row -> row.get("offset").asLong());
            return ResumePoint.decide(committed, stored.stream().mapToLong(Long::longValue).toArray(), OptionalLong.empty());
        }
        List<OptionalLong> highest = sql.query(HIGHEST.bind("topic", topic).bind("partition", partition).render(),
                row -> row.get("stored").asLong() == 0 ? OptionalLong.empty() : OptionalLong.of(row.get("highest").asLong()));
        return ResumePoint.decide(committed, new long[0], highest.get(0));
    }
}
