package io.clickmap.ingest.consume;

import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataTransferException;
import com.clickhouse.client.api.ServerException;
import java.io.IOException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The one place failures are sorted, by exception type and error code (never by message text):
 * RETRY when a dependency is down, slow or overloaded, so the work is kept and tried again;
 * BUG for everything else, which stops the service loudly rather than skipping data. Messages that
 * are bad in themselves never get here: the event reader turns them into dead letters.
 */
public enum Failure {
    RETRY,
    BUG;

    public static Failure of(Throwable failure) {
        if (failure instanceof ConnectionInitiationException || failure instanceof DataTransferException) {
            return RETRY;
        }
        if (failure instanceof ServerException server) {
            if (server.isRetryable()) {
                return RETRY;
            }
            // ClickHouse 18.16's error bodies are unreadable to the client (code 0): judge by HTTP status.
            return server.getCode() == ServerException.CODE_UNKNOWN && server.getTransportProtocolCode() >= 500 ? RETRY : BUG;
        }
        if (failure instanceof ClickHouseException && failure.getCause() instanceof IOException) {
            return RETRY;
        }
        if (failure instanceof RetriableException || failure instanceof TimeoutException) {
            return RETRY;
        }
        return BUG;
    }
}
