package io.clickmap.api.trends;

/**
 * {@code breakdownFilter} on one event property: the {@code limit} values with the most counted events get
 * an item each, the rest fold into {@link #OTHER} unless hidden, and events without the property are
 * {@link #NONE}. {@code normalizeUrl} drops a URL's query, fragment and trailing slash before grouping.
 */
record Breakdown(String property, int limit, boolean hideOther, boolean normalizeUrl) {
    static final String OTHER = "$$_posthog_breakdown_other_$$";
    static final String NONE = "$$_posthog_breakdown_null_$$";
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 1_000;
}
