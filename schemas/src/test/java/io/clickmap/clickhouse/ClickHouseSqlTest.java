package io.clickmap.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.fasterxml.jackson.core.JsonToken;
import io.clickmap.testing.ClickHouseExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClickHouseSqlTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static Client client;
    private static ClickHouseSql sql;

    @BeforeAll
    static void connect() {
        client = ClickHouseClients.create(new ClickHouseConfig(CLICKHOUSE.url(), CLICKHOUSE.database(), CLICKHOUSE.user(), CLICKHOUSE.password()));
        sql = new ClickHouseSql(client);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aStreamedAnswerHandsOverEveryRowInOrderWithItsIntegersAsNumbers() {
        List<String> rows = new ArrayList<>();
        sql.stream("SELECT number AS n, toUInt64(number * 1000000000000) AS big, concat('a\"', toString(number)) AS text FROM numbers(3)",
                "stream-test", Duration.ofSeconds(10), row -> {
                    StringBuilder fields = new StringBuilder();
                    while (row.nextToken() == JsonToken.FIELD_NAME) {
                        String name = row.currentName();
                        JsonToken value = row.nextToken();
                        fields.append(name).append('=').append(value == JsonToken.VALUE_NUMBER_INT ? "#" + row.getLongValue() : row.getText()).append(' ');
                    }
                    rows.add(fields.toString().strip());
                });

        assertThat(rows).containsExactly("n=#0 big=#0 text=a\"0", "n=#1 big=#1000000000000 text=a\"1", "n=#2 big=#2000000000000 text=a\"2");
    }

    @Test
    void aFailingStatementFailsTheStreamWithTheClientsOwnExceptionAndAnEmptyAnswerHandsOverNothing() {
        List<String> rows = new ArrayList<>();
        ClickHouseSql.RowReader counted = row -> {
            rows.add("row");
            row.skipChildren();
        };
        sql.stream("SELECT number FROM numbers(3) WHERE number > 5", "stream-empty", Duration.ofSeconds(10), counted);
        assertThat(rows).isEmpty();
        assertThatThrownBy(() -> sql.stream("SELECT no_such_column FROM numbers(1)", "stream-bad", Duration.ofSeconds(10), counted))
                .isInstanceOf(ServerException.class);
        assertThat(rows).isEmpty();
    }
}
