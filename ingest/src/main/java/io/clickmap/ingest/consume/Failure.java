package io.clickmap.ingest.consume;

import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataTransferException;
import com.clickhouse.client.api.ServerException;
import io.clickmap.clickhouse.ServerErrors;
import java.io.IOException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The one place the consumer sorts failures, by exception type and error code ({@link ServerErrors}), never by message text:
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
            return ServerErrors.isTransient(server) ? RETRY : BUG;
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
