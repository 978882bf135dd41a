package io.clickmap.api.insights;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.JsonBody;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST …/insights/viewed/}: {@code {"insight_ids": [...]}}, 1 to {@link #MAX_IDS} JSON integers
 * (PostHog's bound), each id recorded once. Anything else is a 400 naming {@code insight_ids}; other fields are
 * ignored. Which ids name a live insight of the environment is not the body's business.
 */
final class ViewedBody {
    static final int MAX_IDS = 2_500;
    static final String FIELD = "insight_ids";
    private static final String RULE = FIELD + " must be a list of 1 to " + MAX_IDS + " insight ids (integers).";

    private ViewedBody() {
    }

    static List<Long> parse(byte[] body) {
        JsonNode root = JsonBody.read(body);
        if (!root.isObject()) {
            throw ApiException.invalid(null, "The body must be a JSON object: {\"" + FIELD + "\": [1, 2]}.");
        }
        JsonNode ids = root.get(FIELD);
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > MAX_IDS) {
            throw ApiException.invalid(FIELD, RULE);
        }
        Set<Long> distinct = new LinkedHashSet<>();
        for (JsonNode id : ids) {
            // "5" and 5.0 are refused, as bulk_update_tags refuses them: an id is a JSON integer
            if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                throw ApiException.invalid(FIELD, RULE);
            }
            distinct.add(id.longValue());
        }
        return List.copyOf(distinct);
    }
}
