package io.clickmap.ingest.config;

import io.clickmap.clickhouse.ClickHouseConfig;
import io.clickmap.event.EventTopic;

/**
 * Every setting of the ingest service, with its property name (for a config file), its environment
 * variable and its default: the one place defaults live. README's configuration table lists these
 * (ReadmeSettingsTest holds it to them).
 */
public enum Setting {
    KAFKA_BOOTSTRAP_SERVERS("kafka.bootstrap-servers", EventTopic.DEFAULT_BOOTSTRAP_SERVERS, "Kafka brokers to read from"),
    KAFKA_TOPIC("kafka.topic", EventTopic.DEFAULT_NAME, "topic the events arrive on"),
    KAFKA_GROUP("kafka.group", "clickmap-ingest", "consumer group; instances in one group share the partitions"),
    KAFKA_DEAD_LETTER_TOPIC("kafka.dead-letter-topic", "clickmap_events_dlq", "where messages that can never be stored go, with the reason"),
    KAFKA_GROUP_INSTANCE_ID("kafka.group-instance-id", "", "a stable name for this instance (static membership): a restarted instance gets its partitions back at once"),
    KAFKA_SESSION_TIMEOUT_MS("kafka.session-timeout-ms", "10000", "after this long without a heartbeat, a dead instance's partitions go to the others"),
    CLICKHOUSE_URL("clickhouse.url", ClickHouseConfig.DEFAULT_URL, "ClickHouse HTTP interface"),
    CLICKHOUSE_DATABASE("clickhouse.database", ClickHouseConfig.DEFAULT_DATABASE, "database holding Clickmap's tables (created if missing)"),
    CLICKHOUSE_USER("clickhouse.user", ClickHouseConfig.DEFAULT_USER, "ClickHouse user"),
    CLICKHOUSE_PASSWORD("clickhouse.password", "", "ClickHouse password"),
    CLICKHOUSE_CLUSTER("clickhouse.cluster", ClickHouseConfig.DEFAULT_CLUSTER, "ClickHouse cluster (remote_servers name) the tables are sharded and replicated over; empty: one server"),
    INGEST_BATCH_ROWS("ingest.batch-rows", "100000", "flush when this many rows are buffered"),
    INGEST_BATCH_BYTES("ingest.batch-bytes", "33554432", "flush when the buffered rows take this many bytes, compressed as they are held"),
    INGEST_LINGER_MS("ingest.linger-ms", "500", "flush at the latest this long after the first buffered row"),
    INGEST_ENVIRONMENTS("ingest.environments", "", "environments besides the environments table, as id:token,id:token"),
    INGEST_ENVIRONMENTS_FROM_TABLE("ingest.environments-from-table", "true", "also accept the environments of ClickHouse's environments table"),
    INGEST_STATUS_PORT("ingest.status-port", "8081", "port of /health and /metrics (0: none)");

    private final String property;
    private final String defaultValue;
    private final String description;

    Setting(String property, String defaultValue, String description) {
        this.property = property;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String property() {
        return property;
    }

    /** The environment variable, e.g. {@code KAFKA_BOOTSTRAP_SERVERS}, named like the constant. */
    public String environmentVariable() {
        return name();
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
