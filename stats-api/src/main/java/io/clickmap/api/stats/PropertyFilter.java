package io.clickmap.api.stats;

import java.util.List;

/**
 * One validated event-property filter. {@code values} holds the filter's value(s) as text (numbers and
 * booleans as written in JSON); empty for is_set / is_not_set. Regexes passed {@link Re2Limits}; {@link RegexSyntax}
 * compiles them before a query runs.
 */
record PropertyFilter(String key, PropertyOperator operator, List<String> values) {
    static final String CURRENT_URL = "$current_url";

    PropertyFilter {
        values = List.copyOf(values);
    }

    boolean isOnCurrentUrl() {
        return CURRENT_URL.equals(key);
    }
}
