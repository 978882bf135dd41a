package io.clickmap.api.clickhouse;

import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.ServerException;
import io.clickmap.clickhouse.ServerErrors;

/**
 * The one place the API sorts ClickHouse failures. <em>Unavailable</em>: the server could not be reached or
 * answered with a transient error ({@link ServerErrors}), so a retry later may succeed (the API answers 503).
 * Anything else the server refused is a statement Clickmap should not have sent.
 */
public final class ClickHouseFailure {
    private ClickHouseFailure() {
    }

    public static boolean isUnavailable(Throwable failure) {
        if (failure instanceof ServerException server) {
            return ServerErrors.isTransient(server);
        }
        return failure instanceof ClickHouseException;
    }

    /** The server answered, and refused the statement itself. */
    public static boolean isRejectedStatement(Throwable failure) {
        return failure instanceof ServerException && !isUnavailable(failure);
    }

    /**
     * The server answered with an error that may lie in the statement: a refusal, or on a server that names no
     * error code (18.16) any error, since there a bad argument and an overload both answer 500.
     */
    public static boolean mayBeTheStatement(Throwable failure) {
        return failure instanceof ServerException server
                && (server.getCode() == ServerException.CODE_UNKNOWN || !ServerErrors.isTransient(server));
    }
}
