package io.clickmap.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class Re2LimitsTest {

    @Test
    void nestedCountedRepetitionsMultiply() {
        assertThat(Re2Limits.repetitionProduct("a{1000}")).isEqualTo(1000);
        assertThat(Re2Limits.repetitionProduct("(a{10}){10}")).isEqualTo(100);
        assertThat(Re2Limits.repetitionProduct("((a{10}){10}){11}")).isEqualTo(1100);
        assertThat(Re2Limits.repetitionProduct("(a{2,30})b{5,}")).isEqualTo(30);
        assertThat(Re2Limits.repetitionProduct("(a{10})(b{10})")).isEqualTo(10);
    }

    @Test
    void aGroupCarriesTheProductsOfTheGroupsInsideIt() {
        assertThat(Re2Limits.repetitionProduct("((a{10})){200}")).isEqualTo(2000);
        assertThat(Re2Limits.repetitionProduct("(x(a{10})y)z{5}")).isEqualTo(10);
    }

    @Test
    void theExpansionCountsEveryPieceOnceEachRepetitionIsUnrolled() {
        assertThat(Re2Limits.expansion("abc")).isEqualTo(3);
        assertThat(Re2Limits.expansion("(ab){3}c")).isEqualTo(7);
        assertThat(Re2Limits.expansion("[a-z]{2,5}\\d{4}")).isEqualTo(9);
        assertThat(Re2Limits.expansion("a{1000}".repeat(11))).isEqualTo(11_000);
        assertThat(Re2Limits.expansion("((a{1000}){1000}){1000}")).isGreaterThan(Re2Limits.MAX_EXPANSION);
        assertThat(Re2Limits.expansion("(unclosed{20}")).isEqualTo(27);
    }

    @Test
    void bracesInClassesEscapesAndLiteralsAreNotRepetitions() {
        assertThat(Re2Limits.repetitionProduct("[{]5000}")).isEqualTo(1);
        assertThat(Re2Limits.repetitionProduct("\\{5000}")).isEqualTo(1);
        assertThat(Re2Limits.repetitionProduct("a{x}")).isEqualTo(1);
    }

    @Test
    void problemsNameTheRuleThatRe2WouldBreak() {
        assertThat(Re2Limits.problem("(a{100}){11}")).hasValue("nested repetition counts multiply beyond 1000");
        assertThat(Re2Limits.problem("(?<year>\\d+)")).hasValue("named groups are written (?P<name>...)");
        assertThat(Re2Limits.problem("(?P<year>\\d+)")).isEmpty();
        assertThat(Re2Limits.problem("^https://(www\\.)?shop")).isEmpty();
        assertThat(Re2Limits.problem("((a{1000}){1000}){1000}")).hasValue("nested repetition counts multiply beyond 1000");
        assertThat(Re2Limits.problem("a{1000}".repeat(10))).isEmpty();
        assertThat(Re2Limits.problem("a{1000}".repeat(11))).hasValue("its repetitions unroll to more than 10000 elements");
    }

    @Test
    void theCheckTakesTimeInProportionToTheRegexNotItsSquare() {
        // Braces that open no repetition, a million characters long: each looked ahead to the end would be quadratic.
        String[] regexes = {"{".repeat(1_000_000) + "}", "{1,".repeat(300_000) + "}", "a{1".repeat(300_000)};
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (String regex : regexes) {
                assertThat(Re2Limits.problem(regex)).hasValue("its repetitions unroll to more than 10000 elements");
            }
        });
    }
}
