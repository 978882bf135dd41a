package io.clickmap.api.clickhouse;

import com.clickhouse.client.api.ServerException;
import io.clickmap.clickhouse.ClickHouseErrors;

/**
 * What the API makes of a ClickHouse failure. <em>Unavailable</em> is {@link ClickHouseErrors}' transient (the
 * API answers 503, a retry later may succeed); anything else the server refused is a statement Clickmap should
 * not have sent.
 */
public final class ClickHouseFailure {
    private static final int QUERY_WAS_CANCELLED = 394;

    private ClickHouseFailure() {
    }

    public static boolean isUnavailable(Throwable failure) {
        return ClickHouseErrors.isTransient(failure);
    }

    /**
     * The server says the statement was killed (QUERY_WAS_CANCELLED). Only servers that name their error codes say
     * so; on 18.16 a killed statement is one more failure, known as cancelled only to the instance that cancelled it.
     */
    public static boolean wasCancelled(Throwable failure) {
        return failure instanceof ServerException server && server.getCode() == QUERY_WAS_CANCELLED;
    }

    /** The server answered, and refused the statement itself. */
    public static boolean isRejectedStatement(Throwable failure) {
        return failure instanceof ServerException && !ClickHouseErrors.isTransient(failure);
    }

    /**
     * The server answered with an error that may lie in the statement: a refusal, or on a server that names no
     * error code (18.16) any error, since there a bad argument and an overload both answer 500.
     */
    public static boolean mayBeTheStatement(Throwable failure) {
        return failure instanceof ServerException server
                && (server.getCode() == ServerException.CODE_UNKNOWN || !ClickHouseErrors.isTransient(server));
    }
}
