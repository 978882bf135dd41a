package io.clickmap.chain;

/**
 * Matches a name against a pattern where {@code *} stands for any run of characters and everything
 * else is literal. Greedy with one backtrack point, so O(pattern × name) even for hostile patterns
 * like {@code *a*a*a*b}, where a regular expression would backtrack exponentially.
 */
final class Glob {
    private Glob() {
    }

    static boolean matches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starAt = p++;
                resumeAt = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (starAt >= 0) {
                p = starAt + 1;
                n = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
