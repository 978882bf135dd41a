package io.clickmap.api.web;

import io.clickmap.api.errors.ApiException;

/**
 * An integer query parameter ({@code limit}, {@code offset}, …): decimal digits only, leading zeros allowed,
 * between {@code min} and {@code max}. Anything else is a 400 naming the parameter, with its rule. A number
 * with more digits than a {@code long} holds is simply very large — above every bound — never a failure of its own.
 */
public final class IntegerParameter {
    // Eighteen significant digits always fit a long; more are read as "larger than any bound".
    private static final int EXACT_DIGITS = 18;

    private IntegerParameter() {
    }

    /** The value, with the rule "{name} must be an integer from {min} to {max}." */
    public static long parse(String raw, String name, long min, long max) {
        return parse(raw, name, min, max, name + " must be an integer from " + min + " to " + max + ".");
    }

    /** The value; {@code rule} is the 400's detail when it is not an integer from {@code min} to {@code max}. */
    public static long parse(String raw, String name, long min, long max, String rule) {
        String value = raw.strip();
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.invalid(name, rule);
        }
        int firstSignificant = 0;
        while (firstSignificant < value.length() - 1 && value.charAt(firstSignificant) == '0') {
            firstSignificant++;
        }
        String significant = value.substring(firstSignificant);
        long number = significant.length() > EXACT_DIGITS ? Long.MAX_VALUE : Long.parseLong(significant);
        if (number < min || number > max) {
            throw ApiException.invalid(name, rule);
        }
        return number;
    }
}
