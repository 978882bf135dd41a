package io.clickmap.api.insights;

import io.clickmap.api.web.IntegerParameter;
import io.clickmap.api.web.QueryString;

/**
 * {@code limit} and {@code page} of an activity log, PostHog's numbered pages. {@code limit} defaults to
 * {@link #DEFAULT_LIMIT}; one above {@link #MAX_LIMIT} is lowered to it silently, as the lists' limit is (the
 * {@code next} link goes on from there). {@code page} counts from 1. Anything else than a positive integer, or a
 * page beyond {@link #MAX_PAGE}, is a 400 naming the parameter. Other parameters are ignored.
 */
record ActivityPaging(int limit, long page) {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    // Far beyond any log, small enough that (page - 1) × limit is exact.
    static final long MAX_PAGE = 1_000_000_000L;
    private static final String LIMIT_RULE = "limit must be a positive integer (at most " + MAX_LIMIT + " entries are returned).";

    static ActivityPaging parse(QueryString query) {
        String limit = query.last("limit");
        String page = query.last("page");
        return new ActivityPaging(
                limit == null ? DEFAULT_LIMIT : (int) Math.min(MAX_LIMIT, IntegerParameter.parse(limit, "limit", 1, Long.MAX_VALUE, LIMIT_RULE)),
                page == null ? 1 : IntegerParameter.parse(page, "page", 1, MAX_PAGE));
    }

    long offset() {
        return (page - 1) * limit;
    }
}
