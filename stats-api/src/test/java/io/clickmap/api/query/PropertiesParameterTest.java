package io.clickmap.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.clickmap.api.errors.ApiException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The regex rules of {@code properties}: bounds before any compile, then RE2's own syntax, all when parsed. */
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
    void aRegexRe2CannotReadIsRefusedWhenParsedSoThatNoFilterExistsUnchecked() {
        assertRefused(regexFilter("(unclosed"), "Invalid regular expression in the filter on $current_url (RE2 syntax): missing closing ).");
        assertThat(PropertiesParameter.parse(regexFilter("^https://(www\\.)?shop")))
                .containsExactly(new PropertyFilter("$current_url", PropertyOperator.REGEX, List.of("^https://(www\\.)?shop")));
        assertThatThrownBy(() -> new PropertyFilter("$current_url", PropertyOperator.NOT_REGEX, List.of("[z-a]")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().detail()).startsWith("Invalid regular expression"));
    }

    @Test
    void onlyAParameterThatNamesARegexNeedsTheBlockingExecutor() {
        assertThat(PropertiesParameter.mayHoldRegex(regexFilter("a+"))).isTrue();
        assertThat(PropertiesParameter.mayHoldRegex("[{\"key\":\"$current_url\",\"value\":\"https://shop.example/\"}]")).isFalse();
        assertThat(PropertiesParameter.mayHoldRegex(null)).isFalse();
    }
}
