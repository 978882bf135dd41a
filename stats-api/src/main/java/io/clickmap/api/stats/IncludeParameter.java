package io.clickmap.api.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.StrictJson;
import io.clickmap.event.ClickEventType;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code include}: which click events count. Each occurrence is a JSON array (starts with {@code [}) or a
 * comma list; the union of all occurrences is taken, in a canonical (sorted) order so that equivalent
 * requests share a cache entry. Absent → the configured default.
 */
final class IncludeParameter {
    static final String NAME = "include";
    static final String MESSAGE = "Only $autocapture, $rageclick, and $dead_click are supported.";

    private IncludeParameter() {
    }

    static List<String> parse(List<String> occurrences, List<String> defaults) {
        if (occurrences.isEmpty()) {
            return List.copyOf(new TreeSet<>(defaults));
        }
        TreeSet<String> events = new TreeSet<>();
        for (String occurrence : occurrences) {
            String value = occurrence.strip();
            if (value.startsWith("[")) {
                events.addAll(jsonArray(value));
            } else {
                for (String part : value.split(",")) {
                    events.add(part.strip());
                }
            }
        }
        if (events.isEmpty() || !ClickEventType.ALL.containsAll(events)) {
            throw ApiException.invalid(NAME, MESSAGE);
        }
        return List.copyOf(events);
    }

    private static List<String> jsonArray(String value) {
        JsonNode array;
        try {
            array = StrictJson.read(value);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(NAME, MESSAGE);
        }
        TreeSet<String> events = new TreeSet<>();
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                throw ApiException.invalid(NAME, MESSAGE);
            }
            events.add(element.textValue());
        }
        return List.copyOf(events);
    }
}
