package io.clickmap.api.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.clickmap.api.errors.ApiException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The regex rules of {@code properties}, checked without compiling anything; compiling is {@link RegexSyntax}'s job. */
class PropertiesParameterTest {

    private static String regexFilter(String regex) {
        return "[{\"key\":\"$current_url\",\"operator\":\"regex\",\"value\":\"" + regex.replace("\\", "\\\\") + "\"}]";
    }

    private static void assertRefused(String properties, String detail) {
        assertThatThrownBy(() -> PropertiesParameter.parse(properties)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.error().attr()).isEqualTo("properties");
            assertThat(e.error().detail()).isEqualTo(detail);
        });
    }

    @Test
    void nestedRepetitionsThatWouldExhaustMemoryAreRefusedAtOnce() {
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertRefused(regexFilter("((a{1000}){1000}){1000}"),
                "Invalid regular expression in the filter on $current_url (RE2 syntax): nested repetition counts multiply beyond 1000."));
    }

    @Test
    void repetitionsThatUnrollBeyondTenThousandPiecesAreRefused() {
        assertRefused(regexFilter("a{1000}".repeat(140)),
                "Invalid regular expression in the filter on $current_url (RE2 syntax): its repetitions unroll to more than 10000 elements.");
        assertThat(PropertiesParameter.parse(regexFilter("a{1000}".repeat(10))))
                .containsExactly(new PropertyFilter("$current_url", PropertyOperator.REGEX, List.of("a{1000}".repeat(10))));
    }

    @Test
    void aRegexLongerThanAThousandCharactersIsRefusedNamingTheBound() {
        assertRefused(regexFilter("a".repeat(1_001)), "The regular expression in the filter on $current_url is longer than 1000 characters.");
        assertThat(PropertiesParameter.parse(regexFilter("a".repeat(1_000))))
                .containsExactly(new PropertyFilter("$current_url", PropertyOperator.REGEX, List.of("a".repeat(1_000))));
    }

    @Test
    void parsingLeavesTheCompileToRegexSyntaxWhichRefusesWhatRe2CannotRead() {
        List<PropertyFilter> filters = PropertiesParameter.parse(regexFilter("(unclosed"));

        assertThat(filters).containsExactly(new PropertyFilter("$current_url", PropertyOperator.REGEX, List.of("(unclosed")));
        assertThatThrownBy(() -> RegexSyntax.requireCompilable(filters)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.error().attr()).isEqualTo("properties");
            assertThat(e.error().detail()).isEqualTo("Invalid regular expression in the filter on $current_url (RE2 syntax): missing closing ).");
        });
        assertThatCode(() -> RegexSyntax.requireCompilable(PropertiesParameter.parse(regexFilter("^https://(www\\.)?shop"))))
                .doesNotThrowAnyException();
    }
}
