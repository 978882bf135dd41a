package io.clickmap.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.clickmap.chain.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One element filter of a query, {@code {"type":"element","key","value","operator"}}, that has passed every check:
 * a key of {@link ElementKey}, an operator PostHog allows on it, as many values as the operator takes (the bounds of
 * {@link PropertyFilter}), each regex within {@link Re2Limits} and compiling as RE2, each selector parsed. A failed
 * check is a 400 ({@code unsupported_query}) whose detail starts with {@code properties:}. A chain matches when any
 * of its elements does; a negative operator when none does. Blank selectors and tags are skipped, as PostHog skips
 * them. Matching never throws. A class, not a record, so that selectors and regexes are compiled once.
 */
public final class ElementFilter {
    public static final String TYPE = "element";

    private final ElementKey key;
    private final PropertyOperator operator;
    private final List<String> values;
    private final boolean negated;
    private final Predicate<List<Element>> found;

    private ElementFilter(ElementKey key, PropertyOperator operator, List<String> values) {
        this.key = key;
        this.operator = operator;
        this.values = values;
        PropertyOperator positive = positiveOf(operator);
        this.negated = positive != operator;
        this.found = finder(key, positive, values);
    }

    public static ElementFilter of(ElementKey key, PropertyOperator operator, List<String> values) {
        if (!key.operators.contains(operator)) {
            throw ElementRefusal.refused(onKey(key) + " takes the operators " + key.operatorNames() + "; got " + operator.wireName + ".");
        }
        values = List.copyOf(values);
        boolean countFits = switch (operator.shape) {
            case NONE -> values.isEmpty();
            case ONE -> values.size() == 1;
            case LIST -> !values.isEmpty() && values.size() <= PropertyFilter.MAX_VALUES;
        };
        if (!countFits) {
            throw ElementValues.wrong(key, operator);
        }
        // Selectors have a smaller bound of their own; blank ones, which are skipped, are held to it too.
        int maxLength = key == ElementKey.SELECTOR ? ElementSelector.MAX_LENGTH : PropertyFilter.MAX_TEXT;
        for (String value : values) {
            if (value.length() > maxLength) {
                throw ElementRefusal.refused("a value of " + onKey(key) + " is longer than " + maxLength + " characters.");
            }
        }
        if (operator.isRegex()) {
            requireRegex(values.get(0), key);
        }
        return new ElementFilter(key, operator, values);
    }

    /** Reads one filter of type {@value #TYPE}; {@code operator} defaults to exact, as in PostHog. */
    public static ElementFilter parse(JsonNode filter) {
        if (filter == null || !filter.isObject()) {
            throw ElementRefusal.refused("an element filter must be an object with type \"element\", key, value and operator.");
        }
        JsonNode type = filter.get("type");
        if (type != null && !type.isNull() && !(type.isTextual() && type.textValue().equals(TYPE))) {
            throw ElementRefusal.refused("an element filter has type \"" + TYPE + "\"; got " + described(type) + ".");
        }
        JsonNode keyNode = filter.get("key");
        ElementKey key = ElementKey.named(keyNode != null && keyNode.isTextual() ? keyNode.textValue() : "")
                .orElseThrow(() -> ElementRefusal.refused("the key of an element filter is one of " + ElementKey.NAMES + "; got "
                        + described(keyNode) + "."));
        JsonNode operatorNode = filter.get("operator");
        PropertyOperator operator = PropertyOperator.EXACT;
        if (operatorNode != null && !operatorNode.isNull()) {
            operator = PropertyOperator.named(operatorNode.isTextual() ? operatorNode.textValue() : "")
                    .filter(key.operators::contains)
                    .orElseThrow(() -> ElementRefusal.refused(onKey(key) + " takes the operators " + key.operatorNames() + "; got "
                            + described(operatorNode) + "."));
        }
        return of(key, operator, ElementValues.read(filter.get("value"), key, operator));
    }

    public boolean matches(List<Element> chain) {
        return found.test(chain) != negated;
    }

    public ElementKey key() {
        return key;
    }

    public PropertyOperator operator() {
        return operator;
    }

    public List<String> values() {
        return values;
    }

    private static Predicate<List<Element>> finder(ElementKey key, PropertyOperator positive, List<String> values) {
        if (key == ElementKey.SELECTOR) {
            List<ElementSelector> selectors = new ArrayList<>();
            for (String value : values) {
                if (!value.isBlank()) {
                    selectors.add(ElementSelector.parse(value));
                }
            }
            return chain -> selectors.stream().anyMatch(selector -> selector.matches(chain));
        }
        List<String> usable = key == ElementKey.TAG_NAME ? values.stream().filter(value -> !value.isBlank()).toList() : values;
        Predicate<String> fits = TextMatch.of(positive, usable);
        return chain -> chain.stream().anyMatch(element -> {
            String value = ChainText.unescaped(key.stored.apply(element));
            return value != null && fits.test(value);
        });
    }

    private static PropertyOperator positiveOf(PropertyOperator operator) {
        return switch (operator) {
            case IS_NOT -> PropertyOperator.EXACT;
            case NOT_ICONTAINS -> PropertyOperator.ICONTAINS;
            case NOT_REGEX -> PropertyOperator.REGEX;
            case IS_NOT_SET -> PropertyOperator.IS_SET;
            default -> operator;
        };
    }

    /** Bounds first, so that a hostile regex is refused before anything compiles it. */
    private static void requireRegex(String regex, ElementKey key) {
        if (regex.length() > PropertyFilter.MAX_REGEX) {
            throw ElementRefusal.refused("the regular expression of " + onKey(key) + " is longer than " + PropertyFilter.MAX_REGEX + " characters.");
        }
        Re2Limits.problem(regex).ifPresent(problem -> {
            throw ElementRefusal.refused("invalid regular expression in " + onKey(key) + " (RE2 syntax): " + problem + ".");
        });
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw ElementRefusal.refused("invalid regular expression in " + onKey(key) + " (RE2 syntax): " + e.getDescription() + ".");
        }
    }

    static String onKey(ElementKey key) {
        return "the element filter on " + key.wireName;
    }

    /** A JSON value for an error message: text quoted, anything else by its kind (an array, a number). */
    private static String described(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return ElementRefusal.quoted(node.textValue());
        }
        String kind = node.getNodeType().name().toLowerCase(Locale.ROOT);
        return (kind.startsWith("a") || kind.startsWith("o") ? "an " : "a ") + kind;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ElementFilter that && key == that.key && operator == that.operator && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, operator, values);
    }

    @Override
    public String toString() {
        return "ElementFilter[" + key.wireName + " " + operator.wireName + " " + values + "]";
    }
}
