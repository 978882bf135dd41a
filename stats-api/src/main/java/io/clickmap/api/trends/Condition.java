package io.clickmap.api.trends;

import io.clickmap.api.query.ElementFilter;
import io.clickmap.api.query.PropertyFilter;
import java.util.List;

/**
 * The {@code properties} of a trends query or of one series: event-property and element filters in AND / OR
 * groups. Every leaf has passed its own checks, so any condition can be rendered ({@link ConditionSql}).
 */
sealed interface Condition {
    Condition NONE = new All(List.of());

    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
        }
    }

    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }
    }

    record Event(PropertyFilter filter) implements Condition {
    }

    /** The event's name is this one: how a GroupNode tells which of its nodes an event belongs to. */
    record EventName(String event) implements Condition {
    }

    /** Matched against the clicked element and its ancestors, as stored in the event's chain. */
    record Element(ElementFilter filter) implements Condition {
    }

    static Condition both(Condition first, Condition second) {
        if (first.equals(NONE)) {
            return second;
        }
        return second.equals(NONE) ? first : new All(List.of(first, second));
    }
}
