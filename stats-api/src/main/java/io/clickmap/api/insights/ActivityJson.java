package io.clickmap.api.insights;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.clickmap.api.insights.ActivityLog.Logged;
import io.clickmap.api.insights.ActivityTimeline.Line;
import io.clickmap.api.insights.InsightActivitySource.Activity;
import io.clickmap.api.users.User;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * PostHog's activity log as records Micronaut serialises, fields in PostHog's order. An entry's id is derived
 * from its version (and source), since the log is derived too: the same entry has the same id on every read.
 */
final class ActivityJson {
    static final String SCOPE = "Insight";

    private ActivityJson() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Page(List<Entry> results, String next, String previous, @JsonProperty("total_count") long totalCount) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Entry(
            String id,
            Writer user,
            String activity,
            String scope,
            @JsonProperty("item_id") String itemId,
            Detail detail,
            @JsonProperty("created_at") String createdAt) {
    }

    /** Who wrote the version; null should the user no longer exist. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Writer(@JsonProperty("first_name") String firstName, String email) {
        static Writer of(User user) {
            return new Writer(user.firstName(), user.email());
        }
    }

    /** Clickmap's writes have no trigger (PostHog's is a system job's) and no sub-type. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Detail(List<Change> changes, Object trigger, String type, String name, @JsonProperty("short_id") String shortId) {
    }

    /**
     * One field's change. {@code before} and {@code after} are the field's JSON values, so their type is the
     * field's: text, boolean, a list of tags, or the query object as stored.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Change(String type, String action, String field, Object before, Object after) {
        static Change of(String field, Object before, Object after) {
            return new Change(SCOPE, "changed", field, before, after);
        }
    }

    static Entry entry(long environmentId, Line line, Writer writer) {
        return line.logged() != null ? entry(environmentId, line.logged(), writer) : sourced(environmentId, line, writer);
    }

    private static Entry entry(long environmentId, Logged logged, Writer writer) {
        StoredInsight version = logged.version();
        return new Entry(id(environmentId, version).toString(), writer, version.activity().wireName, SCOPE, String.valueOf(version.id()),
                new Detail(logged.changes(), null, null, version.fields().displayName(), version.shortId()), version.updatedAt().toString());
    }

    /** A source's entry, named as its insight was then (PostHog logs the name of that moment, null when it had none). */
    private static Entry sourced(long environmentId, Line line, Writer writer) {
        Activity activity = line.activity();
        StoredInsight named = line.namedAfter();
        List<Change> changes = activity.changes() == null ? null
                : activity.changes().stream().map(change -> new Change(SCOPE, change.action(), change.field(), change.before(), change.after())).toList();
        String id = UUID.nameUUIDFromBytes(("clickmap insight " + line.source() + " activity " + environmentId + " " + activity.insightId() + " "
                + activity.version()).getBytes(StandardCharsets.UTF_8)).toString();
        return new Entry(id, writer, activity.activity(), SCOPE, String.valueOf(activity.insightId()),
                new Detail(changes, null, null, named == null ? null : named.fields().displayName(), named == null ? null : named.shortId()),
                activity.at().toString());
    }

    private static UUID id(long environmentId, StoredInsight version) {
        return UUID.nameUUIDFromBytes(("clickmap insight activity " + environmentId + " " + version.id() + " " + version.version())
                .getBytes(StandardCharsets.UTF_8));
    }
}
