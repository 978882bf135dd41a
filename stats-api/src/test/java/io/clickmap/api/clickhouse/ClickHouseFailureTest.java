package io.clickmap.api.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.ServerException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ClickHouseFailureTest {
    private static final ServerException TIMEOUT = new ServerException(159, "Timeout exceeded", 500, "q");
    private static final ServerException BAD_REGEX = new ServerException(427, "cannot compile re2", 500, "q");
    private static final ServerException UNNAMED_500 = new ServerException(ServerException.CODE_UNKNOWN, "18.16", 500, "q");

    @Test
    void anUnreachableOrOverloadedServerIsUnavailable() {
        assertThat(ClickHouseFailure.isUnavailable(new ConnectionInitiationException("down", new ConnectException()))).isTrue();
        assertThat(ClickHouseFailure.isUnavailable(TIMEOUT)).isTrue();
        assertThat(ClickHouseFailure.isUnavailable(UNNAMED_500)).isTrue();
        assertThat(ClickHouseFailure.isRejectedStatement(TIMEOUT)).isFalse();
    }

    @Test
    void aClientFailureWithoutANetworkCauseIsNotAnOutageAsForIngest() {
        // ingest stops on the same failure rather than retrying it for ever (one classifier: ClickHouseErrors)
        assertThat(ClickHouseFailure.isUnavailable(new ClickHouseException("misused"))).isFalse();
        assertThat(ClickHouseFailure.isUnavailable(new ClickHouseException("reading the answer failed", new IOException()))).isTrue();
    }

    @Test
    void aRefusedStatementIsRejected() {
        assertThat(ClickHouseFailure.isRejectedStatement(BAD_REGEX)).isTrue();
        assertThat(ClickHouseFailure.isUnavailable(BAD_REGEX)).isFalse();
    }

    @Test
    void theStatementMayBeAtFaultForARefusalOrForAnyErrorWithoutACode() {
        assertThat(ClickHouseFailure.mayBeTheStatement(BAD_REGEX)).isTrue();
        assertThat(ClickHouseFailure.mayBeTheStatement(UNNAMED_500)).isTrue();
        assertThat(ClickHouseFailure.mayBeTheStatement(TIMEOUT)).isFalse();
        assertThat(ClickHouseFailure.mayBeTheStatement(new ConnectionInitiationException("down", new ConnectException()))).isFalse();
    }
}
