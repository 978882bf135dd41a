package io.clickmap.api.clickhouse;

import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.ServerException;
import java.util.Set;

/**
 * The one place that sorts ClickHouse failures, by exception type and error code, never by message text
 * (18.16's text is unreadable to the client anyway). <em>Unavailable</em>: the server could not be reached
 * or is overloaded, so a retry later may succeed (the API answers 503). Anything else the server rejected
 * is a statement Clickmap should not have sent.
 */
public final class ClickHouseFailure {
    // TIMEOUT_EXCEEDED, SOCKET_TIMEOUT, NETWORK_ERROR, TOO_MANY_SIMULTANEOUS_QUERIES, MEMORY_LIMIT_EXCEEDED
    private static final Set<Integer> OVERLOAD_CODES = Set.of(159, 209, 210, 202, 241);

    private ClickHouseFailure() {
    }

    public static boolean isUnavailable(Throwable failure) {
        if (failure instanceof ServerException server) {
            return OVERLOAD_CODES.contains(server.getCode());
        }
        return failure instanceof ClickHouseException;
    }

    /** The server answered, and refused the statement itself. */
    public static boolean isRejectedStatement(Throwable failure) {
        return failure instanceof ServerException && !isUnavailable(failure);
    }
}
