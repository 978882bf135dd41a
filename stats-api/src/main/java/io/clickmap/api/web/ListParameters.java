package io.clickmap.api.web;


/**
 * {@code limit} and {@code offset} of a list endpoint ({@code GET …/elements/}, {@code GET …/insights/}). A limit above {@link #MAX_LIMIT} is lowered to it,
 * as PostHog's paginator does (the {@code next} link continues from there); anything that is not an integer in
 * range is a 400 naming the parameter and its bounds. Other parameters are ignored.
 */
public record ListParameters(int limit, long offset) {
    public static final int MIN_LIMIT = 1;
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;
    private static final String LIMIT_RULE = "limit must be a positive integer (at most " + MAX_LIMIT + " are returned).";

    public static ListParameters parse(QueryString query) {
        String limit = query.last("limit");
        return new ListParameters(
                // A limit of any size is lowered to the maximum, even one with more digits than a long holds.
                limit == null ? DEFAULT_LIMIT : (int) Math.min(MAX_LIMIT, IntegerParameter.parse(limit, "limit", MIN_LIMIT, Long.MAX_VALUE, LIMIT_RULE)),
                OffsetParameter.parse(query.last("offset")));
    }
}
