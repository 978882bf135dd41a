package io.clickmap.api.trends;

/**
 * A {@code trendsFilter.formula} over series letters ({@code A} is the first series): numbers, letters,
 * {@code + - * /}, unary minus and parentheses. Parsed once into a tree; a division by zero is 0, as PostHog
 * shows it. Bounded in length and depth so a hostile formula costs nothing.
 */
final class Formula {
    static final int MAX_LENGTH = 1_000;
    private static final int MAX_DEPTH = 50;

    private interface Term {
        double value(double[] series);
    }

    private final String text;
    private final Term root;
    private final int seriesCount;
    private int at;
    private int depth;

    private Formula(String text, int seriesCount) {
        this.text = text;
        this.seriesCount = seriesCount;
        this.root = parseAll();
    }

    /** The formula, or a 400 naming {@code field} that says what is wrong with it. */
    static Formula parse(String text, int seriesCount, String field) {
        if (text.isBlank() || text.length() > MAX_LENGTH) {
            throw TrendsQueryParser.unsupported(field, "a formula is 1 to " + MAX_LENGTH + " characters of series letters, numbers, + - * / and parentheses");
        }
        try {
            return new Formula(text, seriesCount);
        } catch (IllegalArgumentException e) {
            throw TrendsQueryParser.unsupported(field, e.getMessage() + " in \"" + text + "\"");
        }
    }

    /** The formula's value for one bucket, given each series' value there. */
    double value(double[] series) {
        double value = root.value(series);
        return Double.isFinite(value) ? value : 0;
    }

    String text() {
        return text;
    }

    private Term parseAll() {
        Term term = sum();
        skipSpaces();
        if (at < text.length()) {
            throw new IllegalArgumentException("unexpected '" + text.charAt(at) + "' at " + (at + 1));
        }
        return term;
    }

    private Term sum() {
        Term left = product();
        while (true) {
            char operator = peek();
            if (operator != '+' && operator != '-') {
                return left;
            }
            at++;
            Term l = left;
            Term r = product();
            left = operator == '+' ? s -> l.value(s) + r.value(s) : s -> l.value(s) - r.value(s);
        }
    }

    private Term product() {
        Term left = unary();
        while (true) {
            char operator = peek();
            if (operator != '*' && operator != '/') {
                return left;
            }
            at++;
            Term l = left;
            Term r = unary();
            left = operator == '*' ? s -> l.value(s) * r.value(s) : s -> {
                double divisor = r.value(s);
                return divisor == 0 ? 0 : l.value(s) / divisor;
            };
        }
    }

    private Term unary() {
        if (++depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested more than " + MAX_DEPTH + " deep");
        }
        try {
            char next = peek();
            if (next == '-') {
                at++;
                Term inner = unary();
                return s -> -inner.value(s);
            }
            if (next == '(') {
                at++;
                Term inner = sum();
                if (peek() != ')') {
                    throw new IllegalArgumentException("a '(' is not closed");
                }
                at++;
                return inner;
            }
            if (Character.isDigit(next) || next == '.') {
                return number();
            }
            char letter = Character.toUpperCase(next);
            if (letter >= 'A' && letter <= 'Z') {
                at++;
                int index = letter - 'A';
                if (index >= seriesCount) {
                    throw new IllegalArgumentException("series " + letter + " does not exist (the query has " + seriesCount + ")");
                }
                return s -> s[index];
            }
            throw new IllegalArgumentException(at < text.length() ? "unexpected '" + next + "' at " + (at + 1) : "it ends too early");
        } finally {
            depth--;
        }
    }

    private Term number() {
        int start = at;
        while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
            at++;
        }
        double value;
        try {
            value = Double.parseDouble(text.substring(start, at));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text.substring(start, at) + "\" is not a number");
        }
        return s -> value;
    }

    private char peek() {
        skipSpaces();
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}
