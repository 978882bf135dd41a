package io.clickmap.api.insights;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The list's {@code search}: an insight matches <em>exactly</em> when the text is a case-insensitive part of its
 * name, derived name, description or a tag, and is <em>similar</em> when its name or derived name is
 * trigram-similar to it (≥ 0.3, pg_trgm's default threshold: typos, word order). Exact matches first, then by
 * similarity, then by name.
 */
final class InsightSearch {
    static final double SIMILARITY_THRESHOLD = 0.3;
    static final Comparator<Match> ORDER = Comparator.comparing((Match match) -> !match.exact())
            .thenComparing(Comparator.comparingDouble(Match::similarity).reversed())
            .thenComparing(match -> match.name() == null ? "" : match.name().toLowerCase(Locale.ROOT))
            .thenComparingLong(Match::id);

    /** A candidate that matched, and how. */
    record Match(long id, String name, boolean exact, double similarity) {
        String type() {
            return exact ? "exact" : "similar";
        }
    }

    /** What a candidate row must show of an insight to be searched. */
    record Candidate(long id, String name, String derivedName, String description, List<String> tags) {
    }

    private InsightSearch() {
    }

    static Optional<Match> match(Candidate candidate, String search) {
        String needle = search.toLowerCase(Locale.ROOT);
        boolean exact = contains(candidate.name(), needle) || contains(candidate.derivedName(), needle)
                || contains(candidate.description(), needle) || candidate.tags().stream().anyMatch(tag -> tag.contains(needle));
        double similarity = Math.max(similarity(candidate.name(), search), similarity(candidate.derivedName(), search));
        if (!exact && similarity < SIMILARITY_THRESHOLD) {
            return Optional.empty();
        }
        String name = candidate.name() != null ? candidate.name() : candidate.derivedName();
        return Optional.of(new Match(candidate.id(), name, exact, similarity));
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static double similarity(String text, String search) {
        return text == null ? 0 : Trigrams.similarity(text, search);
    }
}
