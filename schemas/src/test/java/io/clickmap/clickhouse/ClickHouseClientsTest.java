package io.clickmap.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import io.clickmap.testing.ClickHouseExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClickHouseClientsTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @Test
    void everyStatementRunsInTheClientsDatabaseWithItsSizeAndTimeBounds() {
        try (Client client = ClickHouseClients.create(new ClickHouseConfig(CLICKHOUSE.url(), CLICKHOUSE.database(), CLICKHOUSE.user(), CLICKHOUSE.password()))) {
            List<String> settings = new ClickHouseSql(client).query("""
                    SELECT currentDatabase() AS database, name, value FROM system.settings
                    WHERE name IN ('max_query_size', 'max_execution_time') ORDER BY name""",
                    row -> row.get("database").asText() + " " + row.get("name").asText() + "=" + row.get("value").asText());

            assertThat(settings).containsExactly(
                    CLICKHOUSE.database() + " max_execution_time=" + ClickHouseClients.MAX_EXECUTION_SECONDS,
                    CLICKHOUSE.database() + " max_query_size=" + ClickHouseClients.MAX_QUERY_BYTES);
        }
    }
}
