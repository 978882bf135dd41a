package io.clickmap.clickhouse;

import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataTransferException;
import com.clickhouse.client.api.ServerException;
import java.io.IOException;
import java.util.Set;

/**
 * The one place every service sorts ClickHouse failures: <em>transient</em> — the server could not be reached,
 * the connection broke, or the server is overloaded, shutting down or out of time, so the same statement may
 * succeed later (ingest retries, the API answers 503) — or not, when the statement itself or the client is at
 * fault (ingest stops loudly, the API answers 500). Judged by exception type and error code, never by message
 * text. ClickHouse 18.16 names no code the client can read ({@link ServerException#CODE_UNKNOWN}); it answers
 * 4xx for a statement it cannot accept and 5xx for everything else, so there the HTTP status decides.
 */
public final class ClickHouseErrors {
    private static final Set<Integer> TRANSIENT_CODES = Set.of(
            159, // TIMEOUT_EXCEEDED: the statement ran into max_execution_time
            160, // TOO_SLOW
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            203, // NO_FREE_CONNECTION
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            241, // MEMORY_LIMIT_EXCEEDED
            242, // TABLE_IS_READ_ONLY: a replica lost its coordination service
            252, // TOO_MANY_PARTS: inserts outpace merges
            279, // ALL_CONNECTION_TRIES_FAILED: on a cluster, a shard or replica the statement needs is down
            394, // QUERY_WAS_CANCELLED: the server is shutting down or an operator killed it
            439); // CANNOT_SCHEDULE_TASK: the server's thread pools are full

    private ClickHouseErrors() {
    }

    public static boolean isTransient(Throwable failure) {
        if (failure instanceof ServerException server) {
            return isTransient(server);
        }
        if (failure instanceof ConnectionInitiationException || failure instanceof DataTransferException) {
            return true;
        }
        // the client's other failures are transient when the network let it down, not when it was misused
        return failure instanceof ClickHouseException client && (client.isRetryable() || causedByIo(client));
    }

    private static boolean causedByIo(Throwable failure) {
        for (Throwable cause = failure.getCause(); cause != null && cause != failure; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransient(ServerException error) {
        if (error.getCode() == ServerException.CODE_UNKNOWN) {
            return error.getTransportProtocolCode() >= 500;
        }
        return error.isRetryable() || TRANSIENT_CODES.contains(error.getCode());
    }
}
