package io.clickmap.api.query;

import io.clickmap.chain.Element;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What an element filter looks at, and which operators PostHog allows on it. */
public enum ElementKey {
    TAG_NAME("tag_name", EnumSet.of(PropertyOperator.EXACT, PropertyOperator.IS_NOT), Element::tagName),
    TEXT("text", allButSimple(), Element::text),
    HREF("href", allButSimple(), Element::href),
    SELECTOR("selector", EnumSet.of(PropertyOperator.EXACT, PropertyOperator.IS_NOT), element -> null);

    static final String NAMES = Arrays.stream(values()).map(key -> key.wireName).collect(Collectors.joining(", "));

    public final String wireName;
    final Set<PropertyOperator> operators;
    /** The element's own value for this key, as stored in the chain (escaped); null when it has none, and always for a selector. */
    final Function<Element, String> stored;

    ElementKey(String wireName, Set<PropertyOperator> operators, Function<Element, String> stored) {
        this.wireName = wireName;
        this.operators = operators;
        this.stored = stored;
    }

    // "simple" is URL matching and the comparisons are numeric; everything else PostHog's element filters on text and href take.
    private static Set<PropertyOperator> allButSimple() {
        return EnumSet.complementOf(EnumSet.of(PropertyOperator.SIMPLE, PropertyOperator.GT, PropertyOperator.GTE, PropertyOperator.LT,
                PropertyOperator.LTE));
    }

    static Optional<ElementKey> named(String name) {
        return Arrays.stream(values()).filter(key -> key.wireName.equals(name)).findFirst();
    }

    String operatorNames() {
        return operators.stream().map(operator -> operator.wireName).collect(Collectors.joining(", "));
    }
}
