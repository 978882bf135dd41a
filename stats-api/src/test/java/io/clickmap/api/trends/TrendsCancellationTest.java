package io.clickmap.api.trends;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Which of this instance's computations a cancel marks, so that one between two statements stops before the next: the
 * same environment and id, or a list row's {@code <id>-<insight id>}; never another environment's, nor a longer id.
 */
@MicronautTest
class TrendsCancellationTest extends ServiceTest {
    @Inject
    TrendsCancellation cancellation;

    @Test
    void aCancelMarksTheEnvironmentsComputationsOfThatIdAndItsListRowsOnly() {
        try (TrendsCancellation.Running named = cancellation.start(3, "abc");
             TrendsCancellation.Running row = cancellation.start(3, "abc-42");
             TrendsCancellation.Running longer = cancellation.start(3, "abcd");
             TrendsCancellation.Running notARow = cancellation.start(3, "abc-x1");
             TrendsCancellation.Running elsewhere = cancellation.start(4, "abc")) {

            assertThat(cancellation.cancel(3, "abc")).as("no statement was running").isZero();

            assertThat(named.isCancelled()).isTrue();
            assertThat(row.isCancelled()).isTrue();
            assertThat(longer.isCancelled()).isFalse();
            assertThat(notARow.isCancelled()).isFalse();
            assertThat(elsewhere.isCancelled()).isFalse();
            assertThat(named.statementId(2)).isEqualTo("3:abc-2");
        }
    }

    @Test
    void aCancelMarksWhatRunsNotWhatStartsLaterUnderTheSameId() {
        try (TrendsCancellation.Running running = cancellation.start(5, "stop-me")) {
            cancellation.cancel(5, "stop-me");

            assertThat(running.isCancelled()).isTrue();
        }
        try (TrendsCancellation.Running again = cancellation.start(5, "stop-me")) {
            assertThat(again.isCancelled()).isFalse();
        }
    }
}
