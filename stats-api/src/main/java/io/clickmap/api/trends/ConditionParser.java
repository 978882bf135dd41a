package io.clickmap.api.trends;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.query.ElementFilter;
import io.clickmap.api.query.PropertiesParameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PostHog's {@code properties}: a list of filters (all must hold) or a group {@code {"type": "AND"|"OR",
 * "values": [filters or groups]}}. Filters of type {@code event} and {@code element} are computed; any other
 * type (person, cohort, session, HogQL…) is a 400 naming where it is. Bounded in depth and in filters, so a
 * hostile query cannot make rendering or matching expensive.
 */
final class ConditionParser {
    static final int MAX_DEPTH = 4;
    static final int MAX_FILTERS = 100;

    private int filters;

    private ConditionParser() {
    }

    static Condition parse(JsonNode properties, String field) {
        return new ConditionParser().condition(properties, field, 0);
    }

    private Condition condition(JsonNode node, String field, int depth) {
        if (node == null || node.isNull()) {
            return Condition.NONE;
        }
        if (depth > MAX_DEPTH) {
            throw TrendsQueryParser.unsupported(field, "property groups nest at most " + MAX_DEPTH + " deep");
        }
        if (node.isArray()) {
            return new Condition.All(members(node, field, depth));
        }
        if (!node.isObject()) {
            throw TrendsQueryParser.unsupported(field, "properties must be a list of filters or a group {\"type\": \"AND\"|\"OR\", \"values\": [...]}");
        }
        JsonNode type = node.path("type");
        if (node.has("values") && (type.asText().equals("AND") || type.asText().equals("OR"))) {
            List<Condition> members = members(node.get("values"), field + ".values", depth);
            return type.asText().equals("AND") ? new Condition.All(members) : new Condition.Any(members);
        }
        return leaf(node, field);
    }

    private List<Condition> members(JsonNode list, String field, int depth) {
        if (!list.isArray()) {
            throw TrendsQueryParser.unsupported(field, "must be a list");
        }
        List<Condition> members = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            members.add(condition(list.get(i), field + "[" + i + "]", depth + 1));
        }
        return members;
    }

    private Condition leaf(JsonNode filter, String field) {
        if (++filters > MAX_FILTERS) {
            throw TrendsQueryParser.unsupported(field, "at most " + MAX_FILTERS + " property filters are computed in one query");
        }
        String type = filter.path("type").asText("event");
        try {
            return switch (type) {
                case "event" -> new Condition.Event(PropertiesParameter.eventFilter(filter));
                case "element" -> new Condition.Element(ElementFilter.parse(filter));
                default -> throw TrendsQueryParser.unsupported(field + ".type",
                        "Clickmap computes event and element property filters; got \"" + type + "\"");
            };
        } catch (ApiException e) {
            // The filter's own check says what is wrong; the path says where.
            throw TrendsQueryParser.unsupported(field, e.error().detail());
        }
    }
}
