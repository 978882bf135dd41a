package io.clickmap.api.insights;

import io.clickmap.api.insights.ActivityLog.Logged;
import io.clickmap.api.insights.InsightActivitySource.Activity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole activity log of insights: the entries derived from their versions ({@link ActivityLog}) merged with the
 * activity of the other sources, newest first. Both kinds of version are microseconds, so they sort together; ties
 * (two processes in one microsecond) go by insight id, then by source name, so the order is the same on every read. A
 * source's entry is named after its insight as it was then: the insight's newest version not after the activity.
 */
final class ActivityTimeline {
    /** The source name of the entries derived from versions. */
    static final String VERSIONS = "";
    static final Comparator<Line> NEWEST_FIRST = Comparator.comparingLong(Line::version).thenComparingLong(Line::insightId)
            .thenComparing(Line::source).reversed();

    private ActivityTimeline() {
    }

    /**
     * One entry: a logged version ({@code activity} null), or a source's activity ({@code logged} null) with the
     * version of its insight it is named after ({@code null} for an insight not found).
     */
    record Line(long version, long insightId, String source, long writtenBy, Logged logged, Activity activity, StoredInsight namedAfter) {
    }

    /** The log of these versions (oldest first for each insight, as {@link InsightStore} reads them) and the sources' activity. */
    static List<Line> of(List<StoredInsight> versions, Map<String, List<Activity>> bySource) {
        List<Line> lines = new ArrayList<>();
        for (Logged logged : ActivityLog.of(versions)) {
            StoredInsight version = logged.version();
            lines.add(new Line(version.version(), version.id(), VERSIONS, version.writtenBy(), logged, null, version));
        }
        Map<Long, List<StoredInsight>> byInsight = new HashMap<>();
        versions.forEach(version -> byInsight.computeIfAbsent(version.id(), id -> new ArrayList<>()).add(version));
        bySource.forEach((source, activities) -> {
            for (Activity activity : activities) {
                StoredInsight named = asOf(byInsight.getOrDefault(activity.insightId(), List.of()), activity.version());
                lines.add(new Line(activity.version(), activity.insightId(), source, activity.writtenBy(), null, activity, named));
            }
        });
        lines.sort(NEWEST_FIRST);
        return lines;
    }

    /** The newest of these versions (oldest first) not after {@code version}; the first when all are after it. */
    private static StoredInsight asOf(List<StoredInsight> oldestFirst, long version) {
        StoredInsight named = oldestFirst.isEmpty() ? null : oldestFirst.get(0);
        for (StoredInsight candidate : oldestFirst) {
            if (candidate.version() > version) {
                break;
            }
            named = candidate;
        }
        return named;
    }
}
