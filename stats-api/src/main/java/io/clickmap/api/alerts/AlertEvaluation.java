package io.clickmap.api.alerts;

import java.util.List;
import java.util.Locale;

/**
 * Holds a computed trend against an alert's threshold, as PostHog's trends alerts do, as a pure function of numbers.
 * An absolute value is the last complete interval's (the one before the running one: more events may still come),
 * or the running one's with {@code check_ongoing_interval}, or the one total of a total-value display. A relative
 * change compares the last complete interval with the one before (the running one with the last, when ongoing):
 * a difference for absolute thresholds, a fraction of the earlier value for percentage ones (0.2 is 20 %; from 0 it
 * is infinite, or 0 when both are 0). With a breakdown every value is held, and the first that breaks a bound fires.
 */
final class AlertEvaluation {
    private AlertEvaluation() {
    }

    /** One result item held against the threshold: its label, its values by interval (oldest first), its total. */
    record Candidate(String label, double[] data, Double total) {
    }

    /** What a check found: the value held (null when none), and the breach, null when no bound was broken. */
    record Outcome(Double value, String breach) {
        AlertState state() {
            return breach == null ? AlertState.NOT_FIRING : AlertState.FIRING;
        }
    }

    /** A check that cannot be evaluated: its alert is {@code Errored} with this message. */
    static final class Unevaluable extends RuntimeException {
        Unevaluable(String message) {
            super(message, null, false, false);
        }
    }

    /** The rule a check applies: condition, threshold, which interval, and the shape of the trend. */
    record Rule(ConditionType condition, ThresholdConfiguration threshold, boolean ongoing, boolean totalValue, boolean breakdown, String interval) {
        /** Whether the running interval is held: asked for, and final for this condition (a fall may still be undone). */
        boolean holdsRunningInterval() {
            return ongoing && condition != ConditionType.RELATIVE_DECREASE;
        }
    }

    static Outcome evaluate(Rule rule, List<Candidate> candidates) {
        Double last = null;
        for (Candidate candidate : candidates) {
            double value = value(rule, candidate);
            String breach = breach(rule, candidate.label(), value);
            if (breach != null || !rule.breakdown()) {
                return new Outcome(value, breach);
            }
            last = value;
        }
        // With a breakdown and no breach, PostHog reports no value for an absolute condition.
        return new Outcome(rule.condition() == ConditionType.ABSOLUTE_VALUE ? null : last, null);
    }

    private static double value(Rule rule, Candidate candidate) {
        if (rule.condition() == ConditionType.ABSOLUTE_VALUE) {
            if (rule.totalValue()) {
                if (candidate.total() == null) {
                    throw new Unevaluable("The trend of " + candidate.label() + " has no total value.");
                }
                return candidate.total();
            }
            return at(candidate, rule.holdsRunningInterval() ? 0 : -1);
        }
        if (rule.totalValue()) {
            throw new Unevaluable("Relative alert condition '" + rule.condition().wireName + "' is not compatible with non time series trends");
        }
        boolean ongoing = rule.holdsRunningInterval();
        double later = at(candidate, ongoing ? 0 : -1);
        double earlier = at(candidate, ongoing ? -1 : -2);
        double increase = rule.threshold().type() == ThresholdType.ABSOLUTE ? later - earlier : fraction(earlier, later);
        return rule.condition() == ConditionType.RELATIVE_INCREASE ? increase : -increase;
    }

    /** The value {@code back} intervals before the running one (0: the running one). */
    private static double at(Candidate candidate, int back) {
        int index = candidate.data().length - 1 + back;
        if (index < 0) {
            throw new Unevaluable("The trend of " + candidate.label() + " has " + candidate.data().length + " intervals, too few to check.");
        }
        return candidate.data()[index];
    }

    private static double fraction(double from, double to) {
        if (from == 0) {
            return to == 0 ? 0 : to > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return (to - from) / from;
    }

    private static String breach(Rule rule, String label, double value) {
        ThresholdConfiguration threshold = rule.threshold();
        if (threshold.lower() != null && value < threshold.lower()) {
            return describe(rule, label, value, "below the lower bound", threshold.lower());
        }
        if (threshold.upper() != null && value > threshold.upper()) {
            return describe(rule, label, value, "above the upper bound", threshold.upper());
        }
        return null;
    }

    private static String describe(Rule rule, String label, double value, String where, double bound) {
        String which = rule.totalValue() ? "the insight's range" : (rule.holdsRunningInterval() ? "the running " : "the last complete ") + rule.interval();
        String what = switch (rule.condition()) {
            case ABSOLUTE_VALUE -> "value";
            case RELATIVE_INCREASE -> "increase";
            case RELATIVE_DECREASE -> "decrease";
        };
        return label + ": the " + what + " for " + which + " (" + number(rule, value) + ") is " + where + " (" + number(rule, bound) + ")";
    }

    private static String number(Rule rule, double value) {
        if (rule.threshold().type() == ThresholdType.PERCENTAGE) {
            return Double.isInfinite(value) ? (value > 0 ? "+∞ %" : "−∞ %") : String.format(Locale.ROOT, "%.2f %%", value * 100);
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
