package io.clickmap.api.elements;

import io.clickmap.api.errors.ApiException;
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
                limit == null ? DEFAULT_LIMIT : (int) Math.min(MAX_LIMIT, integer(limit, "limit", LIMIT_RULE, 1, Long.MAX_VALUE)),
                offset == null ? 0 : integer(offset, "offset", OFFSET_RULE, 0, MAX_OFFSET));
    }

    private static long integer(String raw, String name, String rule, long min, long max) {
        String value = raw.strip();
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.invalid(name, rule);
        }
        String significant = value.replaceFirst("^0+(?=.)", "");
        // More digits than a long holds is simply "very large": above every bound but the limit's, which is lowered.
        long number = significant.length() > 18 ? Long.MAX_VALUE : Long.parseLong(significant);
        if (number < min || number > max) {
            throw ApiException.invalid(name, rule);
        }
        return number;
    }
}
