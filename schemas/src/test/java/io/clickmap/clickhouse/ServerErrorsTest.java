package io.clickmap.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.query.QuerySettings;
import io.clickmap.testing.ClickHouseExtension;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerErrorsTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    private static Client client;

    @BeforeAll
    static void connect() {
        client = ClickHouseClients.create(new ClickHouseConfig(CLICKHOUSE.url(), CLICKHOUSE.database(), CLICKHOUSE.user(), CLICKHOUSE.password()));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    /** What a statement failed with, as the services see it. */
    private static ServerException failureOf(String sql, QuerySettings settings) {
        Throwable failure = catchThrowable(() -> client.query(sql, settings).get().close());
        Throwable cause = failure instanceof ExecutionException ? failure.getCause() : failure;
        assertThat(cause).isInstanceOf(ServerException.class);
        return (ServerException) cause;
    }

    @Test
    void aStatementTheServerStoppedForTimeIsTransient() {
        ServerException timeout = failureOf("SELECT count() FROM system.numbers", new QuerySettings().serverSetting("max_execution_time", "1"));

        assertThat(ServerErrors.isTransient(timeout)).isTrue();
    }

    @Test
    void aStatementTheServerCannotParseIsNot() {
        assertThat(ServerErrors.isTransient(failureOf("SELEC 1", new QuerySettings()))).isFalse();
        assertThat(ServerErrors.isTransient(failureOf("SELECT nope FROM system.one", new QuerySettings()))).isFalse();
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {159, 160, 202, 203, 209, 210, 241, 242, 252, 394, 439})
    void overloadAndShutdownCodesAreTransient(int code) {
        assertThat(ServerErrors.isTransient(new ServerException(code, "named by a current release", 500, "q"))).isTrue();
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {47, 60, 62, 81, 427})
    void statementErrorsAreNotTransientWhateverTheStatus(int code) {
        assertThat(ServerErrors.isTransient(new ServerException(code, "named by a current release", 500, "q"))).isFalse();
    }

    @Test
    void withoutACodeAServerFailureIsTransientAndARefusalIsNot() {
        assertThat(ServerErrors.isTransient(new ServerException(ServerException.CODE_UNKNOWN, "18.16", 500, "q"))).isTrue();
        assertThat(ServerErrors.isTransient(new ServerException(ServerException.CODE_UNKNOWN, "18.16", 400, "q"))).isFalse();
        assertThat(ServerErrors.isTransient(new ServerException(ServerException.CODE_UNKNOWN, "18.16", 404, "q"))).isFalse();
    }
}
