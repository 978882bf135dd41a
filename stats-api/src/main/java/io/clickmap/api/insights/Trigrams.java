package io.clickmap.api.insights;

import java.util.Arrays;
import java.util.Locale;

/**
 * Trigram similarity as PostgreSQL's pg_trgm defines it (which PostHog's search uses): each word, lower-cased and
 * padded with two spaces before and one after, gives its three-character pieces; the similarity of two texts
 * is the share of their pieces they have in common, from 0 to 1. A piece is three code points packed into a
 * long (21 bits each, exact), and a text's pieces a sorted array, so comparing two is one merge.
 */
final class Trigrams {
    static final long[] NONE = new long[0];

    private Trigrams() {
    }

    static double similarity(long[] first, long[] second) {
        if (first.length == 0 || second.length == 0) {
            return 0;
        }
        int common = 0;
        for (int i = 0, j = 0; i < first.length && j < second.length; ) {
            if (first[i] == second[j]) {
                common++;
                i++;
                j++;
            } else if (first[i] < second[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (first.length + second.length - common);
    }

    static long[] of(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        long[] pieces = new long[3 * lower.length() + 3];
        int count = 0;
        int[] word = new int[lower.length() + 3];
        int letters = 0;
        for (int i = 0; i <= lower.length(); ) {
            int c = i < lower.length() ? lower.codePointAt(i) : ' ';
            i += i < lower.length() ? Character.charCount(c) : 1;
            if (i <= lower.length() && c != ' ' && Character.isLetterOrDigit(c)) {
                word[2 + letters++] = c;
                continue;
            }
            if (letters > 0) {
                word[0] = ' ';
                word[1] = ' ';
                word[2 + letters] = ' ';
                for (int start = 0; start + 3 <= letters + 3; start++) {
                    pieces[count++] = (long) word[start] << 42 | (long) word[start + 1] << 21 | word[start + 2];
                }
                letters = 0;
            }
        }
        long[] sorted = Arrays.copyOf(pieces, count);
        Arrays.sort(sorted);
        int unique = 0;
        for (int k = 0; k < sorted.length; k++) {
            if (k == 0 || sorted[k] != sorted[k - 1]) {
                sorted[unique++] = sorted[k];
            }
        }
        return Arrays.copyOf(sorted, unique);
    }
}
