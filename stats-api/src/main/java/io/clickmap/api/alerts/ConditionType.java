package io.clickmap.api.alerts;

import java.util.Arrays;
import java.util.Optional;

/**
 * {@code condition.type}: what is held against the threshold — the value of the last complete interval, or how much
 * it rose or fell from the interval before.
 */
enum ConditionType {
    ABSOLUTE_VALUE("absolute_value"), RELATIVE_INCREASE("relative_increase"), RELATIVE_DECREASE("relative_decrease");

    final String wireName;

    ConditionType(String wireName) {
        this.wireName = wireName;
    }

    static Optional<ConditionType> named(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    boolean isRelative() {
        return this != ABSOLUTE_VALUE;
    }

    /** The condition as stored and answered: {@code {"type": "…"}}. */
    String json() {
        return "{\"type\":\"" + wireName + "\"}";
    }
}
