package io.clickmap.api.insights;

import io.clickmap.api.clickhouse.Micros;
import io.clickmap.api.clickhouse.RowIds;
import io.clickmap.api.clickhouse.Versions;
import io.clickmap.api.insights.StoredInsight.Activity;
import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every write of an insight, as one new version: what the write was ({@link Activity}), and {@code last_modified_*}
 * moved only by a material change ({@link InsightChange#isMaterial}). {@code updated_at} moves on every write.
 */
@Singleton
class InsightWrites {
    private final InsightStore store;
    private final RowIds ids;

    InsightWrites(InsightStore store, RowIds ids) {
        this.store = store;
        this.ids = ids;
    }

    StoredInsight create(long environmentId, InsightChange change, long user, ServerTiming timing) {
        long version = Versions.next();
        Instant now = Micros.instant(version);
        StoredInsight created = new StoredInsight(ids.next(), newShortId(environmentId, timing), change.applyTo(InsightFields.EMPTY), now, user,
                now, user, version, user, Activity.CREATED);
        store.save(environmentId, created, timing);
        return created;
    }

    StoredInsight update(long environmentId, StoredInsight current, InsightFields after, long user, ServerTiming timing) {
        StoredInsight updated = next(current, after, user);
        store.save(environmentId, updated, timing);
        return updated;
    }

    /** Several insights' next versions in one insert: all of them are written or none. */
    void updateAll(long environmentId, Map<StoredInsight, InsightFields> changes, long user, ServerTiming timing) {
        List<StoredInsight> updated = new ArrayList<>(changes.size());
        changes.forEach((current, after) -> updated.add(next(current, after, user)));
        store.saveAll(environmentId, updated, timing);
    }

    private static StoredInsight next(StoredInsight current, InsightFields after, long user) {
        InsightFields before = current.fields();
        Activity what = before.deleted() == after.deleted() ? Activity.UPDATED : after.deleted() ? Activity.DELETED : Activity.RESTORED;
        return current.next(after, InsightChange.isMaterial(before, after), user, Versions.next(), what);
    }

    /** A short id no insight of the environment has (a repeat is about as likely as 1 in 10^14, but cheap to rule out). */
    private String newShortId(long environmentId, ServerTiming timing) {
        String shortId = ShortIds.next();
        while (store.findByShortId(environmentId, shortId, timing).isPresent()) {
            shortId = ShortIds.next();
        }
        return shortId;
    }
}
