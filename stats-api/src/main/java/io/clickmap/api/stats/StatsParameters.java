package io.clickmap.api.stats;

import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.IntegerParameter;
import io.clickmap.api.web.QueryString;
import io.clickmap.chain.ChainTrim;
import java.time.Instant;
import java.util.List;

/**
 * Parses and range-checks every query parameter of {@code GET …/elements/stats/}; each violation is a 400
 * that names the parameter and its bounds. Unknown parameters are ignored, as PostHog does. Linear in the query
 * string and compiles no regex ({@link RegexSyntax} does, later), so it may run on the event loop.
 */
final class StatsParameters {
    static final int DEFAULT_LIMIT = 50_000;
    static final int MAX_LIMIT = 999_999;
    // Far beyond any real page, small enough that limit + offset stay exact in every integer type involved.
    static final long MAX_OFFSET = 1_000_000_000_000L;
    static final double MIN_SAMPLING_FACTOR = 0.000001;
    static final int MAX_DEPTH = 1_000_000;

    private StatsParameters() {
    }

    static StatsRequest parse(QueryString query, long environmentId, List<String> defaultInclude, Instant now) {
        List<String> events = IncludeParameter.parse(query.all(IncludeParameter.NAME), defaultInclude);
        DateRange range = DateParameter.parse(query.last(DateParameter.FROM), query.last(DateParameter.TO), now);
        List<PropertyFilter> filters = PropertiesParameter.parse(query.last(PropertiesParameter.NAME));
        int limit = (int) integer(query.last("limit"), "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        long offset = integer(query.last("offset"), "offset", 0, MAX_OFFSET, 0);
        // Exactly "true", as PostHog compares it: any other value (1, TRUE, yes, …) means the bare list, never a 400.
        boolean paginate = "true".equals(query.last("paginate_response"));
        double sampling = samplingFactor(query.last("sampling_factor"));
        String depth = query.last("max_element_chain_depth");
        Integer maxDepth = depth == null ? null : (int) integer(depth, "max_element_chain_depth", 1, MAX_DEPTH, 1);
        List<String> dataAttributes = ChainTrim.parseDataAttributes(query.last("data_attributes"));
        ChainTrim trim = maxDepth == null && dataAttributes == null ? ChainTrim.NONE : new ChainTrim(maxDepth, dataAttributes);
        return new StatsRequest(new StatsQuery(environmentId, events, range, filters, limit, offset, sampling), trim, paginate);
    }

    private static long integer(String raw, String name, long min, long max, long fallback) {
        return raw == null ? fallback : IntegerParameter.parse(raw, name, min, max);
    }

    /** Below one in a million the scaled counts would be noise, and {@code count / f} could overflow. */
    private static double samplingFactor(String raw) {
        if (raw == null) {
            return 1.0;
        }
        String value = raw.strip();
        String rule = "sampling_factor must be a number greater than 0 and at most 1 (at least 0.000001).";
        if (!value.matches("\\d{0,10}(\\.\\d{0,20})?([eE][-+]?\\d{1,3})?") || value.isEmpty() || value.equals(".")) {
            throw ApiException.invalid("sampling_factor", rule);
        }
        double factor;
        try {
            factor = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("sampling_factor", rule);
        }
        if (!(factor >= MIN_SAMPLING_FACTOR && factor <= 1.0)) {
            throw ApiException.invalid("sampling_factor", rule);
        }
        return factor;
    }
}
