package io.clickmap.api.alerts;

import java.util.Arrays;
import java.util.Optional;

/** {@code threshold.configuration.type}: bounds in the insight's own units, or as a fraction of change (0.2 is 20 %). */
enum ThresholdType {
    ABSOLUTE("absolute"), PERCENTAGE("percentage");

    final String wireName;

    ThresholdType(String wireName) {
        this.wireName = wireName;
    }

    static Optional<ThresholdType> named(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}
