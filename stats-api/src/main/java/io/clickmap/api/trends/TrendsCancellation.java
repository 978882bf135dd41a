package io.clickmap.api.trends;

import io.clickmap.api.errors.ApiException;
import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlTemplate;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops an environment's trends computations by the {@code client_query_id} they run under (PostHog's insight
 * {@code cancel}). Statement n of a computation runs under the ClickHouse query id
 * {@code <environment id>:<client_query_id>-<n>} (a list row's under {@code <client_query_id>-<insight id>-<n>}), so a
 * {@code KILL QUERY} on that environment's prefix reaches the computation whichever stats-api instance runs it, and
 * never another environment's, whatever ids their clients chose. This instance's own computations are also marked,
 * so that one caught between two statements stops before the next; each then fails as {@link #cancelled}.
 */
@Singleton
public class TrendsCancellation {
    // The prefix is compared as bytes (substring, length) and what follows must be the statement's number (and a
    // list row's insight id): no LIKE, so _ and % in an id are plain characters, and "abc" does not reach "abcd".
    private static final SqlTemplate KILL = SqlTemplate.of("KILL QUERY WHERE substring(query_id, 1, length({prefix})) = {prefix} "
            + "AND match(substring(query_id, length({prefix}) + 1), '^[0-9]+(-[0-9]+)?$') SYNC");

    private final ClickHouseSql sql;
    private final Set<Running> running = ConcurrentHashMap.newKeySet();

    TrendsCancellation(ClickHouseSql sql) {
        this.sql = sql;
    }

    /**
     * Cancels the environment's computations named {@code clientQueryId}: marks this instance's, and kills their
     * running statements on ClickHouse, waiting until they stopped. Returns how many statements were killed (none
     * when nothing ran under that id, which is no error).
     */
    public int cancel(long environmentId, String clientQueryId) {
        for (Running computation : running) {
            if (computation.isNamed(environmentId, clientQueryId)) {
                computation.cancelled = true;
            }
        }
        return sql.query(KILL.bind("prefix", prefix(environmentId, clientQueryId)).render(), row -> row).size();
    }

    /** A computation starting now; closed when it ends, however it ends. */
    Running start(long environmentId, String clientQueryId) {
        Running computation = new Running(environmentId, clientQueryId);
        running.add(computation);
        return computation;
    }

    static String prefix(long environmentId, String clientQueryId) {
        return environmentId + ":" + clientQueryId + "-";
    }

    /** The failure of a cancelled computation, as the blocking request and the background status report it. */
    static ApiException cancelled(String clientQueryId) {
        return ApiException.cancelled("The computation " + clientQueryId + " was cancelled.");
    }

    /** One computation of this instance, under its environment and client query id. */
    final class Running implements AutoCloseable {
        private final long environmentId;
        private final String clientQueryId;
        private volatile boolean cancelled;

        private Running(long environmentId, String clientQueryId) {
            this.environmentId = environmentId;
            this.clientQueryId = clientQueryId;
        }

        String statementId(int number) {
            return prefix(environmentId, clientQueryId) + number;
        }

        long environmentId() {
            return environmentId;
        }

        boolean isCancelled() {
            return cancelled;
        }

        String clientQueryId() {
            return clientQueryId;
        }

        /** Named by a cancel of {@code id}: the same id, or a list row's ({@code <id>-<insight id>}), as the kill matches. */
        private boolean isNamed(long environment, String id) {
            if (environment != environmentId || !clientQueryId.startsWith(id)) {
                return false;
            }
            String rest = clientQueryId.substring(id.length());
            return rest.isEmpty() || rest.length() > 1 && rest.charAt(0) == '-' && rest.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
        }

        @Override
        public void close() {
            running.remove(this);
        }
    }
}
