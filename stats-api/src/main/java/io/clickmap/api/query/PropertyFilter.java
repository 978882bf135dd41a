package io.clickmap.api.query;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.clickmap.api.errors.ApiException;
import java.util.List;

/**
 * One event-property filter that has passed every check, so that whatever holds one may render it as SQL
 * ({@link FilterSql}): its key and values within bounds, as many values as its operator takes, and a regex
 * within {@link Re2Limits} that compiles as RE2. {@code values} holds the value(s) as text (numbers and
 * booleans as written in JSON); empty for is_set / is_not_set. A failed check is a 400 naming
 * {@code properties}. Compiling a regex costs up to a millisecond, so a request that carries one is parsed
 * off the event loop ({@link PropertiesParameter#mayHoldRegex}).
 */
public record PropertyFilter(String key, PropertyOperator operator, List<String> values) {
    public static final String CURRENT_URL = "$current_url";
    public static final int MAX_VALUES = 100;
    public static final int MAX_TEXT = 10_000;
    public static final int MAX_KEY = 1_000;
    // A URL pattern needs far less; the bound keeps checking and compiling a regex cheap.
    public static final int MAX_REGEX = 1_000;

    public PropertyFilter {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            throw invalid("Each property filter needs a key: a non-empty string of at most " + MAX_KEY + " characters.");
        }
        values = List.copyOf(values);
        int expected = switch (operator.shape) {
            case NONE -> 0;
            case ONE -> 1;
            case LIST -> values.isEmpty() || values.size() > MAX_VALUES ? -1 : values.size();
        };
        if (values.size() != expected) {
            throw invalid("The filter on " + key + " needs " + switch (operator.shape) {
                case NONE -> "no value";
                case ONE -> "one value";
                case LIST -> "1 to " + MAX_VALUES + " values";
            } + ".");
        }
        for (String value : values) {
            if (value.length() > MAX_TEXT) {
                throw invalid("A value of the filter on " + key + " is longer than " + MAX_TEXT + " characters.");
            }
        }
        if (operator.isRegex()) {
            requireRegex(values.get(0), key);
        }
        if (operator.isComparison() && !isFiniteNumber(values.get(0))) {
            throw invalid("The filter on " + key + " with operator " + operator.wireName + " needs a number; got " + values.get(0) + ".");
        }
    }

    public boolean isOnCurrentUrl() {
        return CURRENT_URL.equals(key);
    }

    /** Bounds first, so that a hostile regex is refused before anything tries to compile it. */
    private static void requireRegex(String regex, String key) {
        if (regex.length() > MAX_REGEX) {
            throw invalid("The regular expression in the filter on " + key + " is longer than " + MAX_REGEX + " characters.");
        }
        Re2Limits.problem(regex).ifPresent(problem -> {
            throw invalid("Invalid regular expression in the filter on " + key + " (RE2 syntax): " + problem + ".");
        });
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw invalid("Invalid regular expression in the filter on " + key + " (RE2 syntax): " + e.getDescription() + ".");
        }
    }

    private static ApiException invalid(String detail) {
        return ApiException.invalid(PropertiesParameter.NAME, detail);
    }

    private static boolean isFiniteNumber(String value) {
        try {
            return Double.isFinite(Double.parseDouble(value.strip()));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
