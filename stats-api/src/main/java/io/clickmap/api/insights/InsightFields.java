package io.clickmap.api.insights;

import java.util.List;

/**
 * What a client may write of an insight. {@code query} is null when none is saved; {@code tags} are normalised
 * ({@link Tags}). Clickmap has no dashboards, so an insight is on none.
 */
record InsightFields(
        String name,
        String derivedName,
        String description,
        SavedQuery query,
        Long order,
        boolean deleted,
        boolean favorited,
        List<String> tags,
        String createInFolder) {

    static final InsightFields EMPTY = new InsightFields(null, null, null, null, null, false, false, List.of(), null);

    InsightFields {
        tags = List.copyOf(tags);
    }

    /** What the activity log and the list's search call the insight: its name, else its derived name. */
    String displayName() {
        return name != null ? name : derivedName;
    }

    InsightFields withTags(List<String> newTags) {
        return new InsightFields(name, derivedName, description, query, order, deleted, favorited, newTags, createInFolder);
    }
}
