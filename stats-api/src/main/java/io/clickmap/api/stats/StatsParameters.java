package io.clickmap.api.stats;

import io.clickmap.api.errors.ApiException;
import io.clickmap.api.query.DateParameter;
import io.clickmap.api.query.DateRange;
import io.clickmap.api.query.PropertiesParameter;
import io.clickmap.api.query.PropertyFilter;
import io.clickmap.api.query.Sampling;
import io.clickmap.api.web.IntegerParameter;
import io.clickmap.api.web.OffsetParameter;
import io.clickmap.api.web.QueryString;
import io.clickmap.chain.ChainTrim;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Parses and range-checks every query parameter of {@code GET …/elements/stats/}; each violation is a 400
 * that names the parameter and its bounds. Unknown parameters are ignored, as PostHog does. Linear in the query
 * string, and compiles a regex only when {@link PropertiesParameter#mayHoldRegex} says so (the controller then
 * calls it on the blocking executor).
 */
final class StatsParameters {
    static final int MIN_LIMIT = 1;
    static final int DEFAULT_LIMIT = 50_000;
    static final int MAX_LIMIT = 999_999;
    // No sampling: every event counts.
    static final double DEFAULT_SAMPLING_FACTOR = Sampling.MAX_FACTOR;
    static final int MIN_DEPTH = 1;
    static final int MAX_DEPTH = 1_000_000;
    private static final String SAMPLING_RULE = "sampling_factor must be a number greater than 0 and at most "
            + plain(Sampling.MAX_FACTOR) + " (at least " + plain(Sampling.MIN_FACTOR) + ").";

    private StatsParameters() {
    }

    static StatsRequest parse(QueryString query, long environmentId, List<String> defaultInclude, Instant now) {
        List<String> events = IncludeParameter.parse(query.all(IncludeParameter.NAME), defaultInclude);
        DateRange range = DateParameter.parse(query.last(DateParameter.FROM), query.last(DateParameter.TO), now);
        List<PropertyFilter> filters = PropertiesParameter.parse(query.last(PropertiesParameter.NAME));
        String rawLimit = query.last("limit");
        int limit = rawLimit == null ? DEFAULT_LIMIT : (int) IntegerParameter.parse(rawLimit, "limit", MIN_LIMIT, MAX_LIMIT);
        long offset = OffsetParameter.parse(query.last("offset"));
        // Exactly "true", as PostHog compares it: any other value (1, TRUE, yes, …) means the bare list, never a 400.
        boolean paginate = "true".equals(query.last("paginate_response"));
        double sampling = samplingFactor(query.last("sampling_factor"));
        String depth = query.last("max_element_chain_depth");
        Integer maxDepth = depth == null ? null : (int) IntegerParameter.parse(depth, "max_element_chain_depth", MIN_DEPTH, MAX_DEPTH);
        List<String> dataAttributes = ChainTrim.parseDataAttributes(query.last("data_attributes"));
        ChainTrim trim = maxDepth == null && dataAttributes == null ? ChainTrim.NONE : new ChainTrim(maxDepth, dataAttributes);
        return new StatsRequest(new StatsQuery(environmentId, events, range, filters, limit, offset, sampling), trim, paginate);
    }

    private static double samplingFactor(String raw) {
        if (raw == null) {
            return DEFAULT_SAMPLING_FACTOR;
        }
        String value = raw.strip();
        if (!value.matches("\\d{0,10}(\\.\\d{0,20})?([eE][-+]?\\d{1,3})?") || value.isEmpty() || value.equals(".")) {
            throw ApiException.invalid("sampling_factor", SAMPLING_RULE);
        }
        double factor;
        try {
            factor = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("sampling_factor", SAMPLING_RULE);
        }
        if (!Sampling.isFactor(factor)) {
            throw ApiException.invalid("sampling_factor", SAMPLING_RULE);
        }
        return factor;
    }

    /** 0.000001, not 1.0E-6; 1, not 1.0. */
    private static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
}
