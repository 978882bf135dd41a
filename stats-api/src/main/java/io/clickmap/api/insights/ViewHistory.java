package io.clickmap.api.insights;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Views of an environment's live insights, each user's newest per insight: the stored ones ({@link InsightViews})
 * and each insight's creation, which counts as its creator's view at {@code created_at} (PostHog records one when
 * an insight is created; here the insight's own row says it, so creating stays one insert). Views of insights
 * that are deleted or not of the environment are left out. Pure: the answers depend on the arguments alone.
 */
final class ViewHistory {
    /** An insight and when it was viewed. */
    record Seen(StoredInsight insight, Instant at) {
    }

    /** A trending insight: how many users viewed it in the window, the (at most 3) latest of them, and when last. */
    record Ranked(StoredInsight insight, int viewCount, List<Long> recentViewers, Instant lastViewedAt) {
    }

    static final int RECENT_VIEWERS = 3;
    private static final Comparator<Seen> NEWEST_FIRST = Comparator.comparing(Seen::at).reversed()
            .thenComparing(seen -> seen.insight().id(), Comparator.reverseOrder());
    private static final Comparator<Ranked> TRENDING = Comparator.comparingInt(Ranked::viewCount).reversed()
            .thenComparing(ranked -> ranked.insight().lastModifiedAt(), Comparator.reverseOrder())
            .thenComparing(ranked -> ranked.insight().id(), Comparator.reverseOrder());

    private final Map<Long, StoredInsight> live;
    // insight id → user id → that user's newest view
    private final Map<Long, Map<Long, Instant>> newest = new HashMap<>();

    private ViewHistory(Map<Long, StoredInsight> live) {
        this.live = live;
    }

    static ViewHistory of(Collection<StoredInsight> liveInsights, Collection<InsightViews.View> stored) {
        Map<Long, StoredInsight> live = new HashMap<>();
        liveInsights.forEach(insight -> live.put(insight.id(), insight));
        ViewHistory history = new ViewHistory(live);
        liveInsights.forEach(insight -> history.add(insight.id(), insight.createdBy(), insight.createdAt()));
        stored.forEach(view -> history.add(view.insightId(), view.userId(), view.at()));
        return history;
    }

    /**
     * An insight's newest view by anyone, given its newest stored one ({@code null} for none): its creation counts
     * as its creator's view, so there always is one.
     */
    static Instant newestByAnyone(StoredInsight insight, Instant newestStored) {
        return newestStored == null || newestStored.isBefore(insight.createdAt()) ? insight.createdAt() : newestStored;
    }

    private void add(long insightId, long userId, Instant at) {
        if (live.containsKey(insightId)) {
            newest.computeIfAbsent(insightId, id -> new HashMap<>()).merge(userId, at, (one, other) -> one.isAfter(other) ? one : other);
        }
    }

    /** The {@code count} insights {@code user} viewed last, newest first, each with the user's own newest view. */
    List<Seen> lastViewedBy(long user, int count) {
        List<Seen> seen = new ArrayList<>();
        newest.forEach((insightId, byUser) -> {
            Instant at = byUser.get(user);
            if (at != null) {
                seen.add(new Seen(live.get(insightId), at));
            }
        });
        return seen.stream().sorted(NEWEST_FIRST).limit(count).toList();
    }

    /**
     * The insights viewed at or after {@code since}, by how many users did (most first), then the most recently
     * modified first; at most {@code limit}. Their last view is the newest by anyone — always in the window.
     */
    List<Ranked> trending(Instant since, int limit) {
        List<Ranked> ranked = new ArrayList<>();
        newest.forEach((insightId, byUser) -> {
            List<Map.Entry<Long, Instant>> recent = byUser.entrySet().stream().filter(view -> !view.getValue().isBefore(since))
                    .sorted(Map.Entry.<Long, Instant>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .toList();
            if (!recent.isEmpty()) {
                ranked.add(new Ranked(live.get(insightId), recent.size(),
                        recent.stream().limit(RECENT_VIEWERS).map(Map.Entry::getKey).toList(), recent.get(0).getValue()));
            }
        });
        return ranked.stream().sorted(TRENDING).limit(limit).toList();
    }
}
