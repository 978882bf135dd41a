package io.clickmap.api.trends;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What an insight shows of its trend for one request: the result (as JSON, null when none is computed yet), its
 * cache fields, and the status of a background computation when one runs or failed.
 */
public record TrendsAnswer(
        String resultJson,
        List<TrendsItem> items,
        Instant lastRefresh,
        Instant cacheTargetAge,
        Instant nextAllowedClientRefresh,
        boolean isCached,
        QueryStatus queryStatus,
        String hogql,
        ResolvedRange resolvedDateRange,
        String filtersHash,
        Boolean hasMore) {

    /** Nothing computed, nothing running. */
    public static TrendsAnswer none(String filtersHash, QueryStatus status) {
        return new TrendsAnswer(null, List.of(), null, null, null, false, status, null, null, filtersHash, null);
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ResolvedRange(@JsonProperty("date_from") String dateFrom, @JsonProperty("date_to") String dateTo) {
    }

    /** PostHog's QueryStatus of a computation in the background, or of a query that cannot be computed. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record QueryStatus(
            String id,
            @JsonProperty("team_id") long teamId,
            @JsonProperty("query_async") boolean queryAsync,
            boolean complete,
            boolean error,
            @JsonProperty("error_message") String errorMessage,
            @JsonProperty("start_time") String startTime,
            @JsonProperty("end_time") String endTime,
            Object results) {

        static QueryStatus unsupported(long teamId, String message) {
            return new QueryStatus(null, teamId, false, true, true, message, null, null, null);
        }
    }
}
