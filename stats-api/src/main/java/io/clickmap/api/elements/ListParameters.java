package io.clickmap.api.elements;

import io.clickmap.api.web.IntegerParameter;
import io.clickmap.api.web.QueryString;

/**
 * {@code limit} and {@code offset} of {@code GET …/elements/}. A limit above {@link #MAX_LIMIT} is lowered to it,
 * as PostHog's paginator does (the {@code next} link continues from there); anything that is not an integer in
 * range is a 400 naming the parameter and its bounds. Other parameters are ignored.
 */
record ListParameters(int limit, long offset) {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1_000;
    // Far beyond any real list, small enough that offset + limit stays exact everywhere.
    private static final long MAX_OFFSET = 1_000_000_000_000L;
    private static final String LIMIT_RULE = "limit must be a positive integer (at most " + MAX_LIMIT + " are returned).";
    private static final String OFFSET_RULE = "offset must be an integer from 0 to " + MAX_OFFSET + ".";

    static ListParameters parse(QueryString query) {
        String limit = query.last("limit");
        String offset = query.last("offset");
        return new ListParameters(
                // A limit of any size is lowered to the maximum, even one with more digits than a long holds.
                limit == null ? DEFAULT_LIMIT : (int) Math.min(MAX_LIMIT, IntegerParameter.parse(limit, "limit", 1, Long.MAX_VALUE, LIMIT_RULE)),
                offset == null ? 0 : IntegerParameter.parse(offset, "offset", 0, MAX_OFFSET, OFFSET_RULE));
    }
}
