package io.clickmap.api.insights;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.BodyField;
import io.clickmap.api.web.JsonBody;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and checks the body of a create or update: the writable fields of docs/insights-api.md, each
 * optional, each violation a 400 naming the field; read-only fields (id, short_id, created_by, result, …)
 * and unknown ones are ignored, as DRF does.
 */
final class InsightBody {
    static final int MAX_TEXT = 400;
    static final int MAX_FOLDER = 1_000;
    private static final String BOOLEAN_RULE = " must be a boolean.";

    private InsightBody() {
    }

    static InsightChange parse(byte[] body) {
        JsonNode root = JsonBody.read(body);
        if (!root.isObject()) {
            throw ApiException.invalid(null, "The body must be a JSON object (the insight's fields).");
        }
        dashboards(root);
        return new InsightChange(
                text(root, "name", MAX_TEXT),
                text(root, "derived_name", MAX_TEXT),
                text(root, "description", MAX_TEXT),
                query(root),
                order(root),
                bool(root, "deleted"),
                bool(root, "favorited"),
                tags(root),
                text(root, "_create_in_folder", MAX_FOLDER));
    }

    /** Any JSON object with a string {@code kind} is kept as sent; what can be computed is part 2's business. */
    private static BodyField<SavedQuery> query(JsonNode body) {
        if (!body.has("query")) {
            return BodyField.notSent();
        }
        JsonNode value = body.get("query");
        if (value.isNull()) {
            return BodyField.of(null);
        }
        if (!value.isObject() || !value.path("kind").isTextual()) {
            throw ApiException.invalid("query", "query must be a JSON object with a string kind (such as InsightVizNode), or null.");
        }
        checkTexts(value);
        return BodyField.of(SavedQuery.of(value));
    }

    /** Every string in the query (names and values) must be valid Unicode, or ClickHouse would store '?' for it. */
    private static void checkTexts(JsonNode node) {
        if (node.isTextual()) {
            JsonBody.unicode(node.textValue(), "query");
        }
        node.fields().forEachRemaining(field -> {
            JsonBody.unicode(field.getKey(), "query");
            checkTexts(field.getValue());
        });
        if (node.isArray()) {
            node.forEach(InsightBody::checkTexts);
        }
    }

    private static BodyField<Long> order(JsonNode body) {
        if (!body.has("order")) {
            return BodyField.notSent();
        }
        JsonNode value = body.get("order");
        if (value.isNull()) {
            return BodyField.of(null);
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.invalid("order", "order must be an integer or null.");
        }
        return BodyField.of(value.longValue());
    }

    /** JSON's true and false, and the forms DRF's BooleanField also reads ("true", "false", 1, 0). */
    private static BodyField<Boolean> bool(JsonNode body, String name) {
        if (!body.has(name)) {
            return BodyField.notSent();
        }
        JsonNode value = body.get(name);
        if (value.isBoolean()) {
            return BodyField.of(value.booleanValue());
        }
        if (value.isTextual() && (value.textValue().equals("true") || value.textValue().equals("false"))) {
            return BodyField.of(value.textValue().equals("true"));
        }
        if (value.isIntegralNumber() && (value.longValue() == 0 || value.longValue() == 1)) {
            return BodyField.of(value.longValue() == 1);
        }
        throw ApiException.invalid(name, name + BOOLEAN_RULE);
    }

    private static BodyField<List<String>> tags(JsonNode body) {
        if (!body.has("tags")) {
            return BodyField.notSent();
        }
        JsonNode value = body.get("tags");
        if (!value.isArray()) {
            throw ApiException.invalid("tags", "tags must be a list of strings.");
        }
        List<String> sent = new ArrayList<>(value.size());
        for (JsonNode tag : value) {
            if (!tag.isTextual()) {
                throw ApiException.invalid("tags", "tags must be a list of strings.");
            }
            sent.add(tag.textValue());
        }
        return BodyField.of(Tags.normalise(sent, "tags"));
    }

    /** Clickmap has no dashboards: {@code []} is accepted (and is what every insight has), any id names none. */
    private static void dashboards(JsonNode body) {
        JsonNode value = body.get("dashboards");
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isArray()) {
            throw ApiException.invalid("dashboards", "dashboards must be a list of dashboard ids.");
        }
        if (!value.isEmpty()) {
            throw ApiException.invalid("dashboards", "Dashboard not found");
        }
    }

    private static BodyField<String> text(JsonNode body, String name, int maxLength) {
        return BodyField.nullableText(body, name, maxLength, "Ensure " + name + " has no more than " + maxLength + " characters.");
    }
}
