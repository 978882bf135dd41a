package io.clickmap.clickhouse;

import com.clickhouse.client.api.Client;
import java.time.temporal.ChronoUnit;

/**
 * The one way Clickmap builds a ClickHouse client. These settings are what works against both
 * ClickHouse 18.16 and current releases (docs/architecture.md): no {@code async_insert} setting
 * (18.16 rejects it), no compressed responses, the database as a URL parameter (18.16 ignores the
 * {@code X-ClickHouse-Database} header the client sends), and every query names its format in its SQL text.
 * Retries are left to the callers, who know whether an operation is safe to repeat. Statements may
 * carry literals up to {@link #MAX_QUERY_BYTES} (ClickHouse parses only 256 KiB of SQL by default). The server
 * stops a statement after {@link #MAX_EXECUTION_SECONDS}, before the client's socket timeout gives up on it, so
 * no query keeps a core busy for a caller that has already left.
 *
 * <p>On a cluster two more settings hold for every statement. {@code insert_distributed_sync}: an insert into a
 * {@code Distributed} table is answered once every shard stored its rows, not when they are queued on the server
 * that took them — what ingest's exactly-once needs (docs/cluster.md). It is a URL setting because inside
 * {@code INSERT … SELECT … SETTINGS} 18.16 applies it to the SELECT alone. {@code distributed_product_mode=local}: a
 * subquery or join over a sharded table inside a query over a sharded table reads the shard's own part of it, which
 * is complete because the views fill each shard's rollups and side tables from that shard's events.
 */
public final class ClickHouseClients {
    public static final int MAX_QUERY_BYTES = 16 << 20;
    public static final int MAX_EXECUTION_SECONDS = 55;
    private static final int SOCKET_TIMEOUT_SECONDS = 60;

    private ClickHouseClients() {
    }

    public static Client create(ClickHouseConfig config) {
        Client.Builder builder = new Client.Builder()
                .addEndpoint(config.url())
                .setUsername(config.user())
                .setPassword(config.password())
                .setDefaultDatabase(config.database())
                .serverSetting("database", config.database())
                .serverSetting("async_insert", (String) null)
                .serverSetting("max_query_size", String.valueOf(MAX_QUERY_BYTES))
                .serverSetting("max_execution_time", String.valueOf(MAX_EXECUTION_SECONDS))
                .compressServerResponse(false)
                .setMaxRetries(0)
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .setSocketTimeout(SOCKET_TIMEOUT_SECONDS, ChronoUnit.SECONDS)
                .setClientName("clickmap");
        if (config.clustered()) {
            builder.serverSetting("insert_distributed_sync", "1").serverSetting("distributed_product_mode", "local");
        }
        return builder.build();
    }
}
