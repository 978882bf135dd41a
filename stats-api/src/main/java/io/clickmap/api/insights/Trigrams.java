package io.clickmap.api.insights;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Trigram similarity as PostgreSQL's pg_trgm defines it (which PostHog's search uses): each word, lower-cased and
 * padded with two spaces before and one after, gives its three-character pieces; the similarity of two texts
 * is the share of their pieces they have in common, from 0 to 1.
 */
final class Trigrams {
    private Trigrams() {
    }

    static double similarity(String a, String b) {
        return similarity(of(a), of(b));
    }

    static double similarity(Set<String> first, Set<String> second) {
        if (first.isEmpty() || second.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String piece : first) {
            if (second.contains(piece)) {
                common++;
            }
        }
        return (double) common / (first.size() + second.size() - common);
    }

    static Set<String> of(String text) {
        Set<String> pieces = new HashSet<>();
        StringBuilder word = new StringBuilder();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i <= lower.length(); i++) {
            int c = i < lower.length() ? lower.codePointAt(i) : ' ';
            if (i < lower.length() && Character.isLetterOrDigit(c)) {
                word.appendCodePoint(c);
                if (Character.isSupplementaryCodePoint(c)) {
                    i++;
                }
                continue;
            }
            if (word.length() > 0) {
                String padded = "  " + word + " ";
                for (int start = 0; start + 3 <= padded.length(); start++) {
                    pieces.add(padded.substring(start, start + 3));
                }
                word.setLength(0);
            }
        }
        return pieces;
    }
}
