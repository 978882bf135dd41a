package io.clickmap.api.insights;

import io.clickmap.api.web.ServerTiming;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Activity of insights kept by another feature (sharing), for the insights' activity log to show beside the entries
 * derived from the insights' own versions. A source reads one insight's activity, or the whole environment's, in one
 * ClickHouse read; it never returns a secret. Failures pass through.
 */
public interface InsightActivitySource {
    /** Names the source in each entry's id, so ids of two sources never collide. */
    String name();

    /** The activity of {@code insightId}, or of every insight of the environment when it is empty; in any order. */
    List<Activity> read(long environmentId, OptionalLong insightId, ServerTiming timing);

    /**
     * One write: its insight, its version (microseconds, as the insights' versions, so both sort together), when and by
     * whom, the activity's name and what it changed ({@code null} when it has nothing to show).
     */
    record Activity(long insightId, long version, Instant at, long writtenBy, String activity, List<Change> changes) {
    }

    /** One changed field; {@code before} and {@code after} are written as JSON values (null, text, boolean, a record). */
    record Change(String action, String field, Object before, Object after) {
    }
}
