package io.clickmap.api.query;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The rules where ClickHouse's RE2 is stricter than re2j, and the bound on what compiling a regex may cost:
 * nested counted repetitions whose counts multiply beyond 1000 ({@code ((a{10}){10}){11}} is refused by RE2),
 * {@code (?<name>…)} groups (RE2 as bundled with ClickHouse 18.16 only knows {@code (?P<name>…)}), and
 * repetitions that unroll a regex into more than {@link #MAX_EXPANSION} copies of its pieces — both re2j and
 * RE2 compile {@code a{1000}} into a thousand instructions, so {@code a{1000}} a hundred times over costs
 * time and memory out of all proportion to its length. One pass with a bounded look-ahead and no copies:
 * cheap enough to run before anything compiles the regex.
 */
final class Re2Limits {
    static final int MAX_REPEAT = 1000;
    static final long MAX_EXPANSION = 10_000;
    // Longer counts are refused by the regex parsers anyway (the limit is 1000); reading no further keeps the look-ahead bounded.
    private static final int MAX_COUNT_DIGITS = 9;
    // Sizes saturate here: far beyond every limit, and no product of two of them overflows a long.
    private static final long SATURATED = 1L << 40;

    private Re2Limits() {
    }

    static Optional<String> problem(String regex) {
        if (regex.contains("(?<") && !regex.contains("(?<=") && !regex.contains("(?<!")) {
            return Optional.of("named groups are written (?P<name>...)");
        }
        Repetitions repetitions = measure(regex);
        if (repetitions.largestProduct() > MAX_REPEAT) {
            return Optional.of("nested repetition counts multiply beyond " + MAX_REPEAT);
        }
        if (repetitions.expansion() > MAX_EXPANSION) {
            return Optional.of("its repetitions unroll to more than " + MAX_EXPANSION + " elements");
        }
        return Optional.empty();
    }

    /** The largest product of nested {n,m} counts; escapes and character classes are skipped. */
    static long repetitionProduct(String regex) {
        return measure(regex).largestProduct();
    }

    /** How many pieces (characters, classes, escapes) the regex holds once every counted repetition is unrolled. */
    static long expansion(String regex) {
        return measure(regex).expansion();
    }

    private record Repetitions(long largestProduct, long expansion) {
    }

    /** A group being read: its unrolled size so far and the largest repetition product inside it. */
    private static final class Group {
        long size;
        long product = 1;
    }

    private record Counted(long bound, int close) {
    }

    private static Repetitions measure(String regex) {
        Deque<Group> enclosing = new ArrayDeque<>();
        Group group = new Group();
        long largest = 1;
        // The piece a following {n} would repeat: its unrolled size and the repetition product inside it.
        long pieceSize = 0;
        long pieceProduct = 1;
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            Counted counted = c == '{' ? countedAt(regex, i) : null;
            if (c == '(') {
                enclosing.push(group);
                group = new Group();
                pieceSize = 0;
                pieceProduct = 1;
                i++;
            } else if (c == ')' && !enclosing.isEmpty()) {
                Group closed = group;
                group = enclosing.pop();
                group.size = Math.min(SATURATED, group.size + closed.size);
                group.product = Math.max(group.product, closed.product);
                pieceSize = closed.size;
                pieceProduct = closed.product;
                i++;
            } else if (counted != null) {
                long copies = Math.max(1, counted.bound());
                group.size = Math.min(SATURATED, group.size + times(pieceSize, copies - 1));
                pieceSize = times(pieceSize, copies);
                pieceProduct = times(pieceProduct, copies);
                group.product = Math.max(group.product, pieceProduct);
                largest = Math.max(largest, pieceProduct);
                i = counted.close() + 1;
            } else if (c == '*' || c == '+' || c == '?' || c == '|') {
                pieceSize = 0;
                pieceProduct = 1;
                i++;
            } else {
                // One piece: a character, an escape (two characters) or a whole character class.
                i = c == '\\' ? i + 2 : c == '[' ? endOfClass(regex, i) + 1 : i + 1;
                group.size = Math.min(SATURATED, group.size + 1);
                pieceSize = 1;
                pieceProduct = 1;
            }
        }
        // An unclosed group is a syntax error for re2j; still count it, so this bound never depends on that check.
        while (!enclosing.isEmpty()) {
            Group closed = group;
            group = enclosing.pop();
            group.size = Math.min(SATURATED, group.size + closed.size);
        }
        return new Repetitions(largest, group.size);
    }

    /** The larger bound of a {@code {n}}, {@code {n,}} or {@code {n,m}} opening at {@code open}; null when the brace is literal. */
    private static Counted countedAt(String regex, int open) {
        int i = open + 1;
        int start = i;
        long low = 0;
        while (i < regex.length() && i - start <= MAX_COUNT_DIGITS && isDigit(regex.charAt(i))) {
            low = low * 10 + (regex.charAt(i) - '0');
            i++;
        }
        if (i == start || i - start > MAX_COUNT_DIGITS) {
            return null;
        }
        long bound = low;
        if (i < regex.length() && regex.charAt(i) == ',') {
            i++;
            int upperStart = i;
            long high = 0;
            while (i < regex.length() && i - upperStart <= MAX_COUNT_DIGITS && isDigit(regex.charAt(i))) {
                high = high * 10 + (regex.charAt(i) - '0');
                i++;
            }
            if (i - upperStart > MAX_COUNT_DIGITS) {
                return null;
            }
            bound = Math.max(low, high);
        }
        return i < regex.length() && regex.charAt(i) == '}' ? new Counted(bound, i) : null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static long times(long a, long b) {
        return b != 0 && a > SATURATED / b ? SATURATED : Math.min(SATURATED, a * b);
    }

    private static int endOfClass(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length() && regex.charAt(i) != ']') {
            i += regex.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, regex.length());
    }
}
