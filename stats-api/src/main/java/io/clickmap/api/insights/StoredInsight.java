package io.clickmap.api.insights;

import io.clickmap.api.clickhouse.Micros;
import java.time.Instant;

/**
 * One version of an insight, as stored: its state after a write, who wrote it and what the write was
 * ({@link Activity}). The version is the write's time in microseconds, so it is also {@code updated_at}.
 */
record StoredInsight(
        long id,
        String shortId,
        InsightFields fields,
        Instant createdAt,
        long createdBy,
        Instant lastModifiedAt,
        long lastModifiedBy,
        long version,
        long writtenBy,
        Activity activity) {

    /** What a write did, as the activity log names it. */
    enum Activity {
        CREATED("created"), UPDATED("updated"), DELETED("deleted"), RESTORED("restored");

        final String wireName;

        Activity(String wireName) {
            this.wireName = wireName;
        }

        static Activity named(String name) {
            for (Activity activity : values()) {
                if (activity.wireName.equals(name)) {
                    return activity;
                }
            }
            throw new IllegalStateException("an insight version with activity '" + name + "'");
        }
    }

    Instant updatedAt() {
        return Micros.instant(version);
    }

    /** The next version of this insight, written by {@code user} at {@code version}. */
    StoredInsight next(InsightFields after, boolean material, long user, long version, Activity what) {
        Instant at = Micros.instant(version);
        return new StoredInsight(id, shortId, after, createdAt, createdBy, material ? at : lastModifiedAt, material ? user : lastModifiedBy,
                version, user, what);
    }
}
