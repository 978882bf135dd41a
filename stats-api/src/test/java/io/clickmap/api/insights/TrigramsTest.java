package io.clickmap.api.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** pg_trgm's similarity, on the examples PostgreSQL's documentation gives and on what search relies on. */
class TrigramsTest {
    private static double similarity(String a, String b) {
        return Trigrams.similarity(Trigrams.of(a), Trigrams.of(b));
    }

    @Test
    void similarityIsTheShareOfTrigramsInCommonAsPgTrgmCountsThem() {
        // "word" has {"  w"," wo","wor","ord","rd "}; "words" adds "rds","ds " and lacks "rd ": 4 of 7 in common
        assertThat(similarity("Word", "Words")).isCloseTo(4.0 / 7, within(1e-9));
        assertThat(similarity("word", "two words")).isCloseTo(4.0 / 11, within(1e-9));
        assertThat(similarity("Rage clicks", "rage CLICKS")).isEqualTo(1.0);
        assertThat(similarity("", "anything")).isZero();
        assertThat(similarity("!!", "??")).isZero();
    }

    @Test
    void wordsAreRunsOfLettersOrDigitsInAnyScriptAndEachTrigramCountsOnce() {
        assertThat(Trigrams.of("a-b")).hasSize(4).isEqualTo(Trigrams.of("b a"));
        assertThat(Trigrams.of("日本")).isEqualTo(Trigrams.of("日本!"));
        assertThat(Trigrams.of("\uD83D\uDE00x")).isEqualTo(Trigrams.of("x"));
        assertThat(Trigrams.of("aaaa aaaa")).hasSize(Trigrams.of("aaaa").length);
        assertThat(similarity("rage clikcs", "Rage clicks by browser")).isGreaterThanOrEqualTo(InsightSearch.SIMILARITY_THRESHOLD);
    }
}
