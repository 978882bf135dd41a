package io.clickmap.api.insights;

import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Finds insights for other features by the {@code :id} of a path or by id, deleted ones included; ClickHouse failures pass through. */
@Singleton
public class InsightDirectory {
    private final InsightStore store;

    InsightDirectory(InsightStore store) {
        this.store = store;
    }

    /** The insight a path's {@code :insight_id} names (its id or short id); an impossible one is a 404. */
    public Optional<InsightSummary> find(long environmentId, String ref, ServerTiming timing) {
        return InsightRef.find(store, environmentId, ref, timing).map(InsightSummary::of);
    }

    public Optional<InsightSummary> find(long environmentId, long id, ServerTiming timing) {
        return store.find(environmentId, id, timing).map(InsightSummary::of);
    }
}
