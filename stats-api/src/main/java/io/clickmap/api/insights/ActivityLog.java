package io.clickmap.api.insights;

import com.fasterxml.jackson.databind.util.RawValue;
import io.clickmap.api.insights.ActivityJson.Change;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The activity log of insights, derived from their stored versions: each version against the one before it.
 * A version is logged when it has a display name ({@link InsightFields#displayName}) and, unless it is the
 * first, changed one of the fields PostHog's log follows (ids, times, writers, order and the folder are not
 * followed, nor is anything computed). So a write that only moved {@code updated_at} is in the table, not in the log.
 */
final class ActivityLog {
    /** Versions in the log, newest first; ties (versions written by two processes in one microsecond) by id. */
    static final Comparator<Logged> NEWEST_FIRST = Comparator.comparingLong((Logged logged) -> logged.version().version())
            .thenComparingLong(logged -> logged.version().id()).reversed();

    private ActivityLog() {
    }

    /** A logged version and its changes ({@code null} for the first version, which has nothing to compare with). */
    record Logged(StoredInsight version, List<Change> changes) {
    }

    /** The log of these versions, given oldest first for each insight (as {@link InsightStore} reads them). */
    static List<Logged> of(List<StoredInsight> versions) {
        List<Logged> log = new ArrayList<>();
        StoredInsight previous = null;
        for (StoredInsight version : versions) {
            StoredInsight before = previous != null && previous.id() == version.id() ? previous : null;
            previous = version;
            if (version.fields().displayName() == null) {
                continue;
            }
            List<Change> changes = before == null ? null : changes(before.fields(), version.fields());
            if (changes == null || !changes.isEmpty()) {
                log.add(new Logged(version, changes));
            }
        }
        log.sort(NEWEST_FIRST);
        return log;
    }

    /** The followed fields that differ, in a fixed order; a soft delete or restore is the change of {@code deleted}. */
    static List<Change> changes(InsightFields before, InsightFields after) {
        List<Change> changes = new ArrayList<>();
        compare(changes, "name", before.name(), after.name());
        compare(changes, "derived_name", before.derivedName(), after.derivedName());
        compare(changes, "description", before.description(), after.description());
        compare(changes, "query", query(before), query(after));
        compare(changes, "deleted", before.deleted(), after.deleted());
        compare(changes, "favorited", before.favorited(), after.favorited());
        compare(changes, "tags", before.tags(), after.tags());
        return changes;
    }

    private static void compare(List<Change> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(Change.of(field, before, after));
        }
    }

    /** The query as stored, to be written out as the JSON it is rather than as a string. */
    private static RawValue query(InsightFields fields) {
        return fields.query() == null ? null : new RawValue(fields.query().json());
    }
}
