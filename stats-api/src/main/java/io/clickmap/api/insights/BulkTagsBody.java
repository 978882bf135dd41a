package io.clickmap.api.insights;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.JsonBody;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code bulk_update_tags}, checked in the order of its fields, each violation a 400 naming the field:
 * {@code ids} (1 to {@link #MAX_IDS} insight ids, each acted on once), {@code action} ({@link TagAction}),
 * {@code tags} (at most {@link #MAX_TAGS} strings, normalised by {@link Tags}; none only for {@code set}, which
 * clears), and at most {@link #MAX_CHANGES} tag changes in all: distinct ids times normalised tags. Other fields
 * are ignored.
 */
record BulkTagsBody(List<Long> ids, TagAction action, List<String> tags) {
    static final int MAX_IDS = 500;
    static final int MAX_TAGS = 100;
    static final int MAX_CHANGES = 10_000;
    private static final String IDS_RULE = "ids must be a list of 1 to " + MAX_IDS + " insight ids (integers).";
    private static final String TAGS_RULE = "tags must be a list of at most " + MAX_TAGS + " strings.";

    static BulkTagsBody parse(byte[] body) {
        JsonNode root = JsonBody.read(body);
        if (!root.isObject()) {
            throw ApiException.invalid(null, "The body must be a JSON object: {\"ids\": [...], \"action\": \"add\", \"tags\": [...]}.");
        }
        List<Long> ids = ids(root.get("ids"));
        TagAction action = action(root.get("action"));
        List<String> tags = tags(root.get("tags"));
        if (tags.isEmpty() && action != TagAction.SET) {
            throw ApiException.invalid("tags", "tags must name at least one tag to " + action.wireName + " (set with [] clears them).");
        }
        if ((long) ids.size() * tags.size() > MAX_CHANGES) {
            throw ApiException.invalid("ids", "At most " + MAX_CHANGES + " tag changes are made at once (ids × tags): send fewer ids.");
        }
        return new BulkTagsBody(ids, action, tags);
    }

    private static List<Long> ids(JsonNode value) {
        if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_IDS) {
            throw ApiException.invalid("ids", IDS_RULE);
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonNode id : value) {
            if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                throw ApiException.invalid("ids", IDS_RULE);
            }
            ids.add(id.longValue());
        }
        return List.copyOf(ids);
    }

    private static TagAction action(JsonNode value) {
        TagAction action = value != null && value.isTextual() ? TagAction.named(value.textValue()) : null;
        if (action == null) {
            throw ApiException.invalid("action", "action must be one of add, remove, set.");
        }
        return action;
    }

    private static List<String> tags(JsonNode value) {
        if (value == null || !value.isArray() || value.size() > MAX_TAGS) {
            throw ApiException.invalid("tags", TAGS_RULE);
        }
        List<String> sent = new ArrayList<>(value.size());
        for (JsonNode tag : value) {
            if (!tag.isTextual()) {
                throw ApiException.invalid("tags", TAGS_RULE);
            }
            sent.add(tag.textValue());
        }
        return Tags.normalise(sent, "tags");
    }
}
