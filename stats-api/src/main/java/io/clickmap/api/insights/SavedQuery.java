package io.clickmap.api.insights;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An insight's {@code query}, stored as sent (compact JSON text), with its {@code kind} and its source's
 * {@code kind} read once when it is written, for the list's {@code insight} filter.
 */
record SavedQuery(String json, String kind, String sourceKind) {

    static SavedQuery of(JsonNode query) {
        JsonNode source = query.get("source");
        String sourceKind = source != null && source.isObject() && source.path("kind").isTextual() ? source.get("kind").textValue() : "";
        return new SavedQuery(query.toString(), query.get("kind").textValue(), sourceKind);
    }
}
