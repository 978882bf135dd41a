package io.clickmap.ingest.consume;

import com.clickhouse.client.api.ClickHouseException;
import io.clickmap.clickhouse.ClickHouseErrors;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The one place the consumer sorts failures: RETRY when a dependency is down, slow or overloaded — for
 * ClickHouse as {@link ClickHouseErrors} judges it, for Kafka by its retriable errors — so the work is kept and
 * tried again; BUG for everything else, which stops the service loudly rather than skipping data. Messages that
 * are bad in themselves never get here: the event reader turns them into dead letters.
 */
public enum Failure {
    RETRY,
    BUG;

    public static Failure of(Throwable failure) {
        if (failure instanceof ClickHouseException) {
            return ClickHouseErrors.isTransient(failure) ? RETRY : BUG;
        }
        if (failure instanceof RetriableException || failure instanceof TimeoutException) {
            return RETRY;
        }
        return BUG;
    }
}
