package io.clickmap.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.ClientException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataTransferException;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.query.QuerySettings;
import io.clickmap.testing.ClickHouseExtension;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Transient or not, from the failures the client really raises and from the codes current releases name. */
class ClickHouseErrorsTest {
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

        assertThat(ClickHouseErrors.isTransient(timeout)).isTrue();
    }

    @Test
    void aStatementTheServerCannotParseIsNot() {
        assertThat(ClickHouseErrors.isTransient(failureOf("SELEC 1", new QuerySettings()))).isFalse();
        assertThat(ClickHouseErrors.isTransient(failureOf("SELECT nope FROM system.one", new QuerySettings()))).isFalse();
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {159, 160, 202, 203, 209, 210, 241, 242, 252, 394, 439})
    void overloadAndShutdownCodesAreTransient(int code) {
        assertThat(ClickHouseErrors.isTransient(new ServerException(code, "named by a current release", 500, "q"))).isTrue();
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {47, 60, 62, 81, 427})
    void statementErrorsAreNotTransientWhateverTheStatus(int code) {
        assertThat(ClickHouseErrors.isTransient(new ServerException(code, "named by a current release", 500, "q"))).isFalse();
    }

    @Test
    void withoutACodeAServerFailureIsTransientAndARefusalIsNot() {
        assertThat(ClickHouseErrors.isTransient(new ServerException(ServerException.CODE_UNKNOWN, "18.16", 500, "q"))).isTrue();
        assertThat(ClickHouseErrors.isTransient(new ServerException(ServerException.CODE_UNKNOWN, "18.16", 400, "q"))).isFalse();
        assertThat(ClickHouseErrors.isTransient(new ServerException(ServerException.CODE_UNKNOWN, "18.16", 404, "q"))).isFalse();
    }

    @Test
    void aServerThatCannotBeReachedIsTransient() {
        try (Client nowhere = ClickHouseClients.create(new ClickHouseConfig("http://127.0.0.1:1", CLICKHOUSE.database(), CLICKHOUSE.user(), ""))) {
            Throwable failure = catchThrowable(() -> nowhere.query("SELECT 1").get().close());
            Throwable cause = failure instanceof ExecutionException ? failure.getCause() : failure;

            assertThat(cause).isInstanceOf(ClickHouseException.class);
            assertThat(ClickHouseErrors.isTransient(cause)).isTrue();
        }
    }

    @Test
    void theClientsOwnFailuresAreTransientOnlyWhenTheNetworkCausedThem() {
        assertThat(ClickHouseErrors.isTransient(new ConnectionInitiationException("down", new ConnectException()))).isTrue();
        assertThat(ClickHouseErrors.isTransient(new DataTransferException("slow", new SocketTimeoutException()))).isTrue();
        assertThat(ClickHouseErrors.isTransient(new ClientException("reading the answer failed", new RuntimeException(new IOException())))).isTrue();
        assertThat(ClickHouseErrors.isTransient(new ClickHouseException("misused"))).isFalse();
        assertThat(ClickHouseErrors.isTransient(new ClientException("no such setting"))).isFalse();
        assertThat(ClickHouseErrors.isTransient(new IllegalStateException("not ClickHouse's", new IOException()))).isFalse();
    }
}
