package io.clickmap.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chains crafted to make a naive parser recurse, backtrack or scan quadratically. Each must parse,
 * without an exception, into the elements its shape implies.
 */
class HostileChainTest {
    private static final int SIZE = 100_000;

    record Hostile(String name, String chain, int expectedElements) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> chains() {
        return Stream.of(
                new Hostile("backslashes", "\\".repeat(SIZE), 1),
                new Hostile("one letter", "x".repeat(SIZE), 1),
                new Hostile("colons after letters", "a:".repeat(SIZE / 2), 1),
                new Hostile("quotes", "\"".repeat(SIZE), 1),
                new Hostile("escaped quotes", "\"\\".repeat(SIZE / 2), 1),
                new Hostile("unterminated values", "a:b=\"".repeat(SIZE / 5), 1),
                new Hostile("equals quotes", "=\"".repeat(SIZE / 2), 1),
                new Hostile("semicolons", ";".repeat(SIZE), 0),
                new Hostile("dots", "a" + ".".repeat(SIZE), 1),
                new Hostile("many tiny elements", "a;".repeat(SIZE / 2), 8_192),
                new Hostile("spaces and quotes", " \"".repeat(SIZE / 2), 4_096));
    }

    @ParameterizedTest
    @MethodSource("chains")
    void parsesInOnePassWithoutAnException(Hostile hostile) {
        // a quadratic scan of 100,000 characters takes minutes; one pass, milliseconds
        List<Element> elements = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> ChainDecoder.decode(hostile.chain()));

        assertThat(elements).hasSize(hostile.expectedElements());
    }
}
