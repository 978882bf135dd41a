package io.clickmap.api.stats;

import static org.assertj.core.api.Assertions.assertThat;

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
    }
}
