package io.clickmap.api.insights;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The list's {@code search}: an insight matches <em>exactly</em> when the text is a case-insensitive part of its
 * name, derived name, description or a tag, and is <em>similar</em> when its name or derived name is
 * trigram-similar to it (≥ 0.3, pg_trgm's default threshold: typos, word order). Exact matches first, then by
 * similarity, then by name. What an insight offers to search is prepared once per snapshot ({@link Indexed}).
 */
final class InsightSearch {
    static final double SIMILARITY_THRESHOLD = 0.3;
    static final Comparator<Match> ORDER = Comparator.comparing((Match match) -> !match.exact())
            .thenComparing(Comparator.comparingDouble(Match::similarity).reversed())
            .thenComparing(Match::lowerName)
            .thenComparingLong(match -> match.insight().id());

    /** An insight that matched, and how. */
    record Match(StoredInsight insight, String lowerName, boolean exact, double similarity) {
        String type() {
            return exact ? "exact" : "similar";
        }
    }

    /** An insight's searched texts, lower-cased, and the trigrams of its names. */
    record Indexed(StoredInsight insight, String name, String derivedName, String description, List<String> tags,
                   long[] nameTrigrams, long[] derivedNameTrigrams) {
        static Indexed of(StoredInsight insight) {
            InsightFields fields = insight.fields();
            return new Indexed(insight, lower(fields.name()), lower(fields.derivedName()), lower(fields.description()), fields.tags(),
                    fields.name() == null ? Trigrams.NONE : Trigrams.of(fields.name()),
                    fields.derivedName() == null ? Trigrams.NONE : Trigrams.of(fields.derivedName()));
        }
    }

    private InsightSearch() {
    }

    /** @param needle the search, lower-cased; {@code searchTrigrams} its trigrams */
    static Optional<Match> match(Indexed indexed, String needle, long[] searchTrigrams) {
        boolean exact = contains(indexed.name(), needle) || contains(indexed.derivedName(), needle)
                || contains(indexed.description(), needle) || indexed.tags().stream().anyMatch(tag -> tag.contains(needle));
        double similarity = Math.max(Trigrams.similarity(indexed.nameTrigrams(), searchTrigrams),
                Trigrams.similarity(indexed.derivedNameTrigrams(), searchTrigrams));
        if (!exact && similarity < SIMILARITY_THRESHOLD) {
            return Optional.empty();
        }
        String name = indexed.name() != null ? indexed.name() : indexed.derivedName();
        return Optional.of(new Match(indexed.insight(), name == null ? "" : name, exact, similarity));
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.contains(needle);
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
