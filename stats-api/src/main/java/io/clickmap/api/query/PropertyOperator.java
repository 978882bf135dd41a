package io.clickmap.api.query;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The operators of an event-property filter. Negative ones also match events that lack the property (as PostHog);
 * comparisons match only events whose property reads as a number.
 */
public enum PropertyOperator {
    EXACT("exact", ValueShape.LIST),
    IS_NOT("is_not", ValueShape.LIST),
    ICONTAINS("icontains", ValueShape.ONE),
    NOT_ICONTAINS("not_icontains", ValueShape.ONE),
    REGEX("regex", ValueShape.ONE),
    NOT_REGEX("not_regex", ValueShape.ONE),
    IS_SET("is_set", ValueShape.NONE),
    IS_NOT_SET("is_not_set", ValueShape.NONE),
    SIMPLE("simple", ValueShape.LIST),
    GT("gt", ValueShape.ONE),
    GTE("gte", ValueShape.ONE),
    LT("lt", ValueShape.ONE),
    LTE("lte", ValueShape.ONE);

    /** What {@code value} must be: one or more scalars (any of), exactly one, or nothing. */
    enum ValueShape { LIST, ONE, NONE }

    static final String NAMES = Arrays.stream(values()).map(operator -> operator.wireName).collect(Collectors.joining(", "));

    public final String wireName;
    final ValueShape shape;

    PropertyOperator(String wireName, ValueShape shape) {
        this.wireName = wireName;
        this.shape = shape;
    }

    static Optional<PropertyOperator> named(String name) {
        return Arrays.stream(values()).filter(operator -> operator.wireName.equals(name)).findFirst();
    }

    /** Compares the property as a number with the value, which must be one; an event whose property is no number fails it. */
    public boolean isComparison() {
        return this == GT || this == GTE || this == LT || this == LTE;
    }

    public boolean isRegex() {
        return this == REGEX || this == NOT_REGEX;
    }
}
