package io.clickmap.api.query;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The positive form of an element filter on text or href, tested against one element's value as the page had it
 * (never null): equal to one of the values, containing the value in any case, matching the regex anywhere in it
 * (RE2, unanchored like ClickHouse's {@code match}), or present and not empty. The values have passed
 * {@link ElementFilter}'s checks, so building never fails.
 */
final class TextMatch {
    private TextMatch() {
    }

    static Predicate<String> of(PropertyOperator positive, List<String> values) {
        return switch (positive) {
            case EXACT -> Set.copyOf(values)::contains;
            case ICONTAINS -> {
                String needle = lower(values.get(0));
                yield value -> lower(value).contains(needle);
            }
            case REGEX -> {
                Pattern pattern = Pattern.compile(values.get(0));
                yield value -> pattern.matcher(value).find();
            }
            case IS_SET -> value -> !value.isEmpty();
            default -> throw new IllegalArgumentException("not a positive text operator: " + positive);
        };
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
