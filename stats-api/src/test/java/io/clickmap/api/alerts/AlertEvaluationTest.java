package io.clickmap.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.api.alerts.AlertEvaluation.Candidate;
import io.clickmap.api.alerts.AlertEvaluation.Outcome;
import io.clickmap.api.alerts.AlertEvaluation.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each way a trend is held against a threshold, with literal numbers: intervals oldest first, the running one last. */
class AlertEvaluationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ThresholdConfiguration threshold(String json) throws Exception {
        return ThresholdConfiguration.parse(JSON.readTree(json));
    }

    private static Rule rule(ConditionType condition, String threshold, boolean ongoing) throws Exception {
        return new Rule(condition, threshold(threshold), ongoing, false, false, "day");
    }

    private static Candidate series(double... data) {
        return new Candidate("Clicks", data, null);
    }

    @Test
    void anAbsoluteValueIsTheLastCompleteIntervalNotTheRunningOne() throws Exception {
        Rule upperThree = rule(ConditionType.ABSOLUTE_VALUE, "{\"type\":\"absolute\",\"bounds\":{\"upper\":3}}", false);

        Outcome outcome = AlertEvaluation.evaluate(upperThree, List.of(series(1, 5, 0)));

        assertThat(outcome.value()).isEqualTo(5.0);
        assertThat(outcome.state()).isEqualTo(AlertState.FIRING);
        assertThat(outcome.breach()).isEqualTo("Clicks: the value for the last complete day (5) is above the upper bound (3)");
        assertThat(AlertEvaluation.evaluate(upperThree, List.of(series(9, 3, 9))).state()).as("3 is not above 3").isEqualTo(AlertState.NOT_FIRING);
    }

    @Test
    void checkingTheOngoingIntervalHoldsTheRunningOne() throws Exception {
        Outcome outcome = AlertEvaluation.evaluate(rule(ConditionType.ABSOLUTE_VALUE, "{\"type\":\"absolute\",\"bounds\":{\"upper\":3}}", true),
                List.of(series(0, 1, 4)));

        assertThat(outcome.value()).isEqualTo(4.0);
        assertThat(outcome.breach()).contains("the running day (4)");
    }

    @Test
    void aValueBelowTheLowerBoundFires() throws Exception {
        Outcome outcome = AlertEvaluation.evaluate(rule(ConditionType.ABSOLUTE_VALUE, "{\"type\":\"absolute\",\"bounds\":{\"lower\":2,\"upper\":10}}",
                false), List.of(series(7, 1, 8)));

        assertThat(outcome.breach()).isEqualTo("Clicks: the value for the last complete day (1) is below the lower bound (2)");
    }

    @Test
    void aRelativeIncreaseComparesTheLastCompleteIntervalWithTheOneBefore() throws Exception {
        Outcome absolute = AlertEvaluation.evaluate(rule(ConditionType.RELATIVE_INCREASE, "{\"type\":\"absolute\",\"bounds\":{\"upper\":4}}", false),
                List.of(series(2, 7, 100)));
        Outcome percentage = AlertEvaluation.evaluate(rule(ConditionType.RELATIVE_INCREASE, "{\"type\":\"percentage\",\"bounds\":{\"upper\":2}}",
                false), List.of(series(2, 7, 100)));

        assertThat(absolute.value()).isEqualTo(5.0);
        assertThat(absolute.state()).isEqualTo(AlertState.FIRING);
        assertThat(percentage.value()).isEqualTo(2.5);
        assertThat(percentage.breach()).isEqualTo("Clicks: the increase for the last complete day (250.00 %) is above the upper bound (200.00 %)");
    }

    @Test
    void aRelativeDecreaseIsTheFallAndNeverLooksAtTheRunningInterval() throws Exception {
        Rule halved = rule(ConditionType.RELATIVE_DECREASE, "{\"type\":\"percentage\",\"bounds\":{\"upper\":0.4}}", true);

        Outcome outcome = AlertEvaluation.evaluate(halved, List.of(series(10, 5, 0)));

        assertThat(outcome.value()).isEqualTo(0.5);
        assertThat(outcome.state()).isEqualTo(AlertState.FIRING);
        assertThat(AlertEvaluation.evaluate(halved, List.of(series(10, 20, 0))).value()).as("a rise is a negative decrease").isEqualTo(-1.0);
    }

    @Test
    void aRiseFromZeroIsInfiniteAndNoChangeAtZeroIsNone() throws Exception {
        Rule doubled = rule(ConditionType.RELATIVE_INCREASE, "{\"type\":\"percentage\",\"bounds\":{\"upper\":1}}", false);

        assertThat(AlertEvaluation.evaluate(doubled, List.of(series(0, 3, 0))).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(AlertEvaluation.evaluate(doubled, List.of(series(0, 0, 0))).value()).isEqualTo(0.0);
    }

    @Test
    void withABreakdownTheFirstValueThatBreaksABoundFiresAndNoneLeavesNoValue() throws Exception {
        ThresholdConfiguration upperThree = threshold("{\"type\":\"absolute\",\"bounds\":{\"upper\":3}}");
        Rule rule = new Rule(ConditionType.ABSOLUTE_VALUE, upperThree, false, false, true, "day");

        Outcome fired = AlertEvaluation.evaluate(rule, List.of(new Candidate("/a", new double[] {0, 1, 0}, null), new Candidate("/b", new double[] {0, 6, 0}, null)));
        Outcome quiet = AlertEvaluation.evaluate(rule, List.of(new Candidate("/a", new double[] {0, 1, 0}, null)));

        assertThat(fired.value()).isEqualTo(6.0);
        assertThat(fired.breach()).startsWith("/b: ");
        assertThat(quiet.value()).isNull();
        assertThat(quiet.state()).isEqualTo(AlertState.NOT_FIRING);
    }

    @Test
    void aTotalValueDisplayHoldsItsTotalAndCannotBeRelative() throws Exception {
        ThresholdConfiguration upperThree = threshold("{\"type\":\"absolute\",\"bounds\":{\"upper\":3}}");
        Candidate total = new Candidate("Clicks", new double[0], 8.0);

        Outcome outcome = AlertEvaluation.evaluate(new Rule(ConditionType.ABSOLUTE_VALUE, upperThree, false, true, false, "day"), List.of(total));

        assertThat(outcome.value()).isEqualTo(8.0);
        assertThat(outcome.breach()).isEqualTo("Clicks: the value for the insight's range (8) is above the upper bound (3)");
        assertThatThrownBy(() -> AlertEvaluation.evaluate(new Rule(ConditionType.RELATIVE_INCREASE, upperThree, false, true, false, "day"), List.of(total)))
                .isInstanceOf(AlertEvaluation.Unevaluable.class).hasMessageContaining("not compatible with non time series trends");
    }

    @Test
    void aTrendWithTooFewIntervalsCannotBeEvaluated() throws Exception {
        assertThatThrownBy(() -> AlertEvaluation.evaluate(rule(ConditionType.RELATIVE_INCREASE, "{\"type\":\"absolute\",\"bounds\":{\"upper\":1}}",
                false), List.of(series(4, 5)))).isInstanceOf(AlertEvaluation.Unevaluable.class).hasMessageContaining("too few");
    }
}
