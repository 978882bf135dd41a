package io.clickmap.api.stats;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The rules where ClickHouse's RE2 is stricter than re2j, which checks the syntax first: nested counted
 * repetitions whose counts multiply beyond 1000 ({@code ((a{10}){10}){10}}... is refused by RE2), and
 * {@code (?<name>…)} groups (RE2 as bundled with ClickHouse 18.16 only knows {@code (?P<name>…)}).
 */
final class Re2Limits {
    static final int MAX_REPEAT = 1000;

    private Re2Limits() {
    }

    static Optional<String> problem(String regex) {
        if (regex.contains("(?<") && !regex.contains("(?<=") && !regex.contains("(?<!")) {
            return Optional.of("named groups are written (?P<name>...)");
        }
        return repetitionProduct(regex) > MAX_REPEAT ? Optional.of("nested repetition counts multiply beyond " + MAX_REPEAT) : Optional.empty();
    }

    /** The largest product of nested {n,m} counts; escapes and character classes are skipped. */
    static long repetitionProduct(String regex) {
        Deque<long[]> groups = new ArrayDeque<>();
        groups.push(new long[] {1});
        long lastAtom = 1;
        long largest = 1;
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                lastAtom = 1;
            } else if (c == '[') {
                i = endOfClass(regex, i) + 1;
                lastAtom = 1;
            } else if (c == '(') {
                groups.push(new long[] {1});
                i++;
            } else if (c == ')') {
                lastAtom = groups.size() > 1 ? groups.pop()[0] : 1;
                i++;
            } else if (c == '{') {
                int close = regex.indexOf('}', i);
                long count = close < 0 ? -1 : count(regex.substring(i + 1, close));
                if (count < 0) {
                    i++;
                    lastAtom = 1;
                    continue;
                }
                lastAtom = Math.min(Long.MAX_VALUE / 2000, lastAtom * Math.max(1, count));
                groups.peek()[0] = Math.max(groups.peek()[0], lastAtom);
                largest = Math.max(largest, lastAtom);
                i = close + 1;
            } else {
                lastAtom = 1;
                i++;
            }
        }
        return largest;
    }

    /** The larger bound of {@code n}, {@code n,} or {@code n,m}; -1 when this is not a counted repetition. */
    private static long count(String body) {
        if (!body.matches("\\d{1,9}(,\\d{0,9})?")) {
            return -1;
        }
        long largest = 0;
        for (String part : body.split(",")) {
            if (!part.isEmpty()) {
                largest = Math.max(largest, Long.parseLong(part));
            }
        }
        return largest;
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
