package io.clickmap.api.insights;

import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.IntegerParameter;
import io.clickmap.api.web.QueryString;
import java.util.regex.Pattern;

/**
 * {@code days} and {@code limit} of {@code GET …/insights/trending/}. Text that is no integer is PostHog's 400
 * ("days and limit must be valid integers"); an integer out of range is a 400 giving the bounds. A limit above
 * {@link #MAX_LIMIT} is lowered to it, as PostHog does. Other parameters ({@code offset}) are ignored: the answer
 * is one page.
 */
record TrendingParameters(int days, int limit) {
    static final int DEFAULT_DAYS = 7;
    // Ten years: any real window, and the cutoff stays far from the limits of the time arithmetic.
    static final int MAX_DAYS = 3_650;
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    static final String NOT_INTEGERS = "days and limit must be valid integers";
    private static final String DAYS_RULE = "days must be an integer from 1 to " + MAX_DAYS + ".";
    private static final String LIMIT_RULE = "limit must be a positive integer (at most " + MAX_LIMIT + " are returned).";
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    static TrendingParameters parse(QueryString query) {
        String days = query.last("days");
        String limit = query.last("limit");
        return new TrendingParameters(days == null ? DEFAULT_DAYS : (int) integer(days, "days", MAX_DAYS, DAYS_RULE),
                limit == null ? DEFAULT_LIMIT : (int) Math.min(MAX_LIMIT, integer(limit, "limit", Long.MAX_VALUE, LIMIT_RULE)));
    }

    /** An integer from 1 to {@code max}: signs are allowed (an integer to PostHog), though no negative one is in range. */
    private static long integer(String raw, String name, long max, String rule) {
        String value = raw.strip();
        if (!INTEGER.matcher(value).matches()) {
            throw ApiException.invalid(name, NOT_INTEGERS);
        }
        if (value.startsWith("-")) {
            throw ApiException.invalid(name, rule);
        }
        return IntegerParameter.parse(value.startsWith("+") ? value.substring(1) : value, name, 1, max, rule);
    }
}
