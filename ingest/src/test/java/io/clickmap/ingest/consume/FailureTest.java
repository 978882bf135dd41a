package io.clickmap.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataTransferException;
import com.clickhouse.client.api.ServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class FailureTest {
    @Test
    void clickHouseUnreachableOrSlowIsRetried() {
        assertThat(Failure.of(new ConnectionInitiationException("down", new ConnectException()))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new DataTransferException("slow", new SocketTimeoutException()))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new ClickHouseException("reading the answer failed", new IOException()))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new ClickHouseException("misused"))).isEqualTo(Failure.BUG);
    }

    @Test
    void clickHouseOverloadIsRetriedByErrorCode() {
        assertThat(Failure.of(new ServerException(252, "Too many parts", 500, "q"))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new ServerException(241, "Memory limit", 500, "q"))).isEqualTo(Failure.RETRY);
    }

    @Test
    void anUnreadable1816ErrorIsRetriedOnlyWhenTheServerSaysItFailedItself() {
        assertThat(Failure.of(new ServerException(ServerException.CODE_UNKNOWN, "unreadable", 500, "q"))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new ServerException(ServerException.CODE_UNKNOWN, "unreadable", 404, "q"))).isEqualTo(Failure.BUG);
        assertThat(Failure.of(new ServerException(ServerException.CODE_UNKNOWN, "unreadable", 400, "q"))).isEqualTo(Failure.BUG);
    }

    @Test
    void aKnownNonRetryableServerErrorIsABug() {
        assertThat(Failure.of(new ServerException(60, "Table doesn't exist", 404, "q"))).isEqualTo(Failure.BUG);
        assertThat(Failure.of(new ServerException(16, "No such column", 400, "q"))).isEqualTo(Failure.BUG);
    }

    @Test
    void kafkaTimeoutsAndRetriableErrorsAreRetried() {
        assertThat(Failure.of(new TimeoutException("commit timed out"))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new NotLeaderOrFollowerException("moving"))).isEqualTo(Failure.RETRY);
    }

    @Test
    void anythingElseIsABug() {
        assertThat(Failure.of(new IllegalStateException("half a batch stored"))).isEqualTo(Failure.BUG);
        assertThat(Failure.of(new NullPointerException())).isEqualTo(Failure.BUG);
    }
}
