package io.clickmap.api.insights;

import io.clickmap.api.users.UserBasic;
import io.clickmap.api.users.UserDirectory;
import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * What other features (alerts) may know of an environment's insights: a live one (not deleted) by its path
 * reference or id, with its saved query and its basic JSON form. Everything else about insights stays in this
 * package.
 */
@Singleton
public class InsightLookup {
    private final InsightStore store;
    private final UserDirectory users;

    InsightLookup(InsightStore store, UserDirectory users) {
        this.store = store;
        this.users = users;
    }

    /** An insight alive in the environment, by its {@code :id} of a path (id or short id); 404 for a malformed one. */
    public Optional<LiveInsight> byReference(long environmentId, String reference, ServerTiming timing) {
        return InsightRef.find(store, environmentId, reference, timing).filter(insight -> !insight.fields().deleted()).map(this::live);
    }

    public Optional<LiveInsight> byId(long environmentId, long id, ServerTiming timing) {
        return store.find(environmentId, id, timing).filter(insight -> !insight.fields().deleted()).map(this::live);
    }

    /** The current version of each of these insights that exists, deleted ones too: what an alert on it shows. */
    public List<LiveInsight> shownByIds(long environmentId, List<Long> ids, ServerTiming timing) {
        return store.current(environmentId, ids, timing).stream().map(this::live).toList();
    }

    private LiveInsight live(StoredInsight insight) {
        SavedQuery query = insight.fields().query();
        UserBasic creator = users.find(insight.createdBy()).map(UserBasic::of).orElse(null);
        return new LiveInsight(insight.id(), query == null ? null : query.json(), InsightJson.basic(insight, creator));
    }

    /** A live insight: its id, its query as stored (null for none), and its basic form as PostHog's alerts show it. */
    public record LiveInsight(long id, String queryJson, Object basic) {
    }
}
