package io.clickmap.api.config;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/** The configuration of a service started with no setting at all: every value its default. */
public final class UnsetConfig {
    private UnsetConfig() {
    }

    public static <R extends Record> R defaults(Class<R> settings) {
        RecordComponent[] components = settings.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return settings.getDeclaredConstructor(types).newInstance(new Object[components.length]);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build " + settings.getSimpleName() + " with nothing set", e);
        }
    }
}
