package io.clickmap.api.insights;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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
            .thenComparing(match -> match.name() == null ? "" : match.name().toLowerCase(Locale.ROOT))
            .thenComparingLong(match -> match.insight().id());

    /** An insight that matched, and how. */
    record Match(StoredInsight insight, String name, boolean exact, double similarity) {
        String type() {
            return exact ? "exact" : "similar";
        }
    }

    /** An insight's searched texts, lower-cased, and the trigrams of its names. */
    record Indexed(StoredInsight insight, String name, String derivedName, String description, List<String> tags,
                   Set<String> nameTrigrams, Set<String> derivedNameTrigrams) {
        static Indexed of(StoredInsight insight) {
            InsightFields fields = insight.fields();
            return new Indexed(insight, lower(fields.name()), lower(fields.derivedName()), lower(fields.description()), fields.tags(),
                    fields.name() == null ? Set.of() : Trigrams.of(fields.name()),
                    fields.derivedName() == null ? Set.of() : Trigrams.of(fields.derivedName()));
        }
    }

    private InsightSearch() {
    }

    static Optional<Match> match(Indexed indexed, String search, Set<String> searchTrigrams) {
        String needle = search.toLowerCase(Locale.ROOT);
        boolean exact = contains(indexed.name(), needle) || contains(indexed.derivedName(), needle)
                || contains(indexed.description(), needle) || indexed.tags().stream().anyMatch(tag -> tag.contains(needle));
        double similarity = Math.max(Trigrams.similarity(indexed.nameTrigrams(), searchTrigrams),
                Trigrams.similarity(indexed.derivedNameTrigrams(), searchTrigrams));
        if (!exact && similarity < SIMILARITY_THRESHOLD) {
            return Optional.empty();
        }
        InsightFields fields = indexed.insight().fields();
        return Optional.of(new Match(indexed.insight(), fields.displayName(), exact, similarity));
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.contains(needle);
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
