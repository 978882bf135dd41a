package io.clickmap.api.insights;

import io.clickmap.api.errors.ApiException;
import io.clickmap.api.trends.RefreshMode;
import io.clickmap.api.web.QueryString;
import java.util.UUID;

/**
 * A request's {@code refresh} and {@code client_query_id}: how to get the insight's result, and the id a
 * computation it starts runs under (PostHog clients send one so they can cancel it; without, one is made up).
 */
record Refresh(RefreshMode mode, String clientQueryId) {
    static final Refresh CACHED = new Refresh(RefreshMode.FORCE_CACHE, null);
    static final int MAX_CLIENT_QUERY_ID = 200;

    static Refresh of(QueryString query) {
        RefreshMode mode = RefreshMode.of(query.last("refresh"));
        String id = query.last("client_query_id");
        if (id == null || id.isEmpty()) {
            return new Refresh(mode, UUID.randomUUID().toString());
        }
        // The id becomes ClickHouse's query id, which cancel names in KILL QUERY: letters, digits, - and _ keep that simple.
        if (id.length() > MAX_CLIENT_QUERY_ID || !id.chars().allMatch(c -> c == '-' || c == '_' || c < 128 && Character.isLetterOrDigit(c))) {
            throw ApiException.invalid("client_query_id", "client_query_id must be 1 to " + MAX_CLIENT_QUERY_ID
                    + " letters, digits, - or _ (a UUID, for example).");
        }
        return new Refresh(mode, id);
    }

    /**
     * The refresh of one row of a list: its computation's id is the request's with the insight's id after it, since
     * one ClickHouse query id cannot run twice at once (a list's rows may compute side by side in the background).
     */
    Refresh forRow(long insightId) {
        return new Refresh(mode, clientQueryId + "-" + insightId);
    }
}
