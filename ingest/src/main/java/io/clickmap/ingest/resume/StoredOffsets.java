package io.clickmap.ingest.resume;

import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.EveryReplica;
import io.clickmap.clickhouse.SqlTemplate;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads which offsets of a topic partition ClickHouse already holds and decides where to resume.
 * Scans {@code events} by its Kafka columns — on a cluster on every replica, since one that lags would hide rows
 * and they would be stored again; run once per partition assignment, not per batch.
 * ClickHouse failures propagate to the caller, who retries later.
 */
public final class StoredOffsets {
    private static final SqlTemplate SINCE = SqlTemplate.of("""
            SELECT kafka_offset AS offset FROM {events}
            WHERE kafka_topic = {topic} AND kafka_partition = {partition} AND kafka_offset >= {from}""");
    private static final SqlTemplate HIGHEST = SqlTemplate.of("""
            SELECT kafka_offset AS offset FROM {events}
            WHERE kafka_topic = {topic} AND kafka_partition = {partition}
            ORDER BY kafka_offset DESC LIMIT 1""");

    private final ClickHouseSql sql;
    private final ClickHouseConfig config;

    public StoredOffsets(ClickHouseSql sql, ClickHouseConfig config) {
        this.sql = sql;
        this.config = config;
    }

    public ResumePoint resumePoint(String topic, int partition, OptionalLong committed) {
        if (committed.isPresent()) {
            String since = EveryReplica.union(sql, config, "events", events -> SINCE.bind("events", events).bind("topic", topic)
                    .bind("partition", partition).bind("from", committed.getAsLong()).render());
            List<Long> stored = sql.query("SELECT DISTINCT offset FROM (" + since + ") ORDER BY offset", row -> row.get("offset").asLong());
            return ResumePoint.decide(committed, stored.stream().mapToLong(Long::longValue).toArray(), OptionalLong.empty());
        }
        String highestPerReplica = EveryReplica.union(sql, config, "events", events -> HIGHEST.bind("events", events).bind("topic", topic)
                .bind("partition", partition).render());
        List<OptionalLong> highest = sql.query("SELECT count() AS stored, max(offset) AS highest FROM (" + highestPerReplica + ")",
                row -> row.get("stored").asLong() == 0 ? OptionalLong.empty() : OptionalLong.of(row.get("highest").asLong()));
        return ResumePoint.decide(committed, new long[0], highest.get(0));
    }
}
