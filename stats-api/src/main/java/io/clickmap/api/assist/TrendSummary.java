package io.clickmap.api.assist;

import io.clickmap.api.trends.TrendsItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A computed trend in a few sentences, by fixed rules (PostHog asks a language model): the totals, the change against
 * the previous period (the compared one when the query compares, else the last bucket against the one before), the
 * peak bucket, and the series or breakdown value that moved most. Pure: the same items give the same text.
 */
public final class TrendSummary {
    /** Items named in the totals; the rest are counted. */
    static final int LISTED = 5;
    private static final String CUMULATIVE = "ActionsLineGraphCumulative";

    private TrendSummary() {
    }

    /** The summary of a computed trend's items (an empty trend is said to be one). */
    public static String of(List<TrendsItem> items) {
        List<Line> current = new ArrayList<>();
        List<Line> previous = new ArrayList<>();
        for (TrendsItem item : items) {
            (Objects.equals(item.compareLabel(), "previous") ? previous : current).add(Line.of(item));
        }
        if (current.isEmpty()) {
            return "No click events matched the query in its window.";
        }
        boolean compared = !previous.isEmpty() || items.get(0).compare() != null;
        List<String> sentences = new ArrayList<>();
        sentences.add(totals(current));
        Change overall = compared ? Change.between(sum(previous), sum(current)) : lastBucket(current);
        if (overall != null && summable(current)) {
            sentences.add(compared ? "Against the previous period: " + overall.words() + "."
                    : "The last " + current.get(0).interval() + " (" + current.get(0).lastLabel() + ") against the one before: " + overall.words() + ".");
        }
        String peak = peak(current);
        if (peak != null) {
            sentences.add(peak);
        }
        String mover = mover(current, previous, compared);
        if (mover != null) {
            sentences.add(mover);
        }
        return String.join(" ", sentences);
    }

    private static String totals(List<Line> current) {
        Line first = current.get(0);
        String span = first.labels().isEmpty() ? "over the whole range" : first.labels().get(0) + " to " + first.lastLabel();
        if (current.size() == 1) {
            return first.name() + ": " + Wording.number(first.total()) + " " + first.sumWord() + ", " + span + ".";
        }
        List<String> each = current.stream().map(line -> line.name() + " " + Wording.number(line.total())).toList();
        return "Totals, " + span + ": " + Wording.listFirst(each, LISTED) + ".";
    }

    /** Sums over several items mean something only when each counts events (distinct counts do not add up). */
    private static boolean summable(List<Line> lines) {
        return lines.size() == 1 || lines.stream().allMatch(Line::counts);
    }

    private static double sum(List<Line> lines) {
        return lines.stream().mapToDouble(Line::total).sum();
    }

    private static Change lastBucket(List<Line> current) {
        int buckets = current.get(0).values().length;
        if (buckets < 2 || current.get(0).labels().isEmpty()) {
            return null;
        }
        double before = current.stream().mapToDouble(line -> line.values()[buckets - 2]).sum();
        double last = current.stream().mapToDouble(line -> line.values()[buckets - 1]).sum();
        return Change.between(before, last);
    }

    /** The highest bucket of any current item; the first one on a tie. */
    private static String peak(List<Line> current) {
        Line best = null;
        int at = -1;
        for (Line line : current) {
            for (int i = 0; i < line.values().length && !line.labels().isEmpty(); i++) {
                if (best == null || line.values()[i] > best.values()[at]) {
                    best = line;
                    at = i;
                }
            }
        }
        if (best == null || best.values()[at] <= 0) {
            return null;
        }
        String whose = current.size() == 1 ? "" : " (" + best.name() + ")";
        return "Peak: " + Wording.number(best.values()[at]) + " on " + best.labels().get(at) + whose + ".";
    }

    /** The item whose total (comparing) or last bucket (otherwise) changed most; null for one item or when none changed. */
    private static String mover(List<Line> current, List<Line> previous, boolean compared) {
        if (current.size() < 2) {
            return null;
        }
        Line moved = null;
        Change most = null;
        for (Line line : current) {
            Change change;
            if (compared) {
                double before = previous.stream().filter(line::sameAs).mapToDouble(Line::total).findFirst().orElse(0);
                change = Change.between(before, line.total());
            } else {
                int n = line.values().length;
                change = n < 2 ? null : Change.between(line.values()[n - 2], line.values()[n - 1]);
            }
            if (change != null && (most == null || Math.abs(change.delta()) > Math.abs(most.delta()))) {
                moved = line;
                most = change;
            }
        }
        if (most == null || most.delta() == 0) {
            return null;
        }
        String what = moved.breakdownValue() != null ? "the breakdown value " : "the series ";
        String when = compared ? " against the previous period" : " on the last " + moved.interval();
        return "Moved most: " + what + moved.name() + ", " + most.words() + when + ".";
    }

    /** One item as the summary reads it: its values per bucket (a running total taken apart), and its total. */
    private record Line(String name, String breakdownValue, String compareLabel, int order, double[] values, List<String> labels, double total,
                        String math, String interval) {
        static Line of(TrendsItem item) {
            String math = item.action() == null ? "total" : item.action().math();
            Object interval = item.filter() == null ? null : item.filter().get("interval");
            String name = Wording.breakdownValue(item.label());
            if (item.aggregatedValue() != null) {
                return new Line(name, item.breakdownValue(), item.compareLabel(), item.order(), new double[0], List.of(),
                        item.aggregatedValue().doubleValue(), math, String.valueOf(interval));
            }
            double[] values = item.data().stream().mapToDouble(Number::doubleValue).toArray();
            if (item.filter() != null && CUMULATIVE.equals(item.filter().get("display"))) {
                for (int i = values.length - 1; i > 0; i--) {
                    values[i] -= values[i - 1];
                }
            }
            double total = 0;
            for (double value : values) {
                total += value;
            }
            return new Line(name, item.breakdownValue(), item.compareLabel(), item.order(), values, item.labels(), total, math, String.valueOf(interval));
        }

        boolean counts() {
            return math.equals("total");
        }

        String sumWord() {
            return counts() || labels.isEmpty() ? "in total" : "summed over the " + interval + "s";
        }

        String lastLabel() {
            return labels.isEmpty() ? "" : labels.get(labels.size() - 1);
        }

        boolean sameAs(Line other) {
            return order == other.order && Objects.equals(breakdownValue, other.breakdownValue);
        }
    }

    /** From one number to another, in words: "up 150% from 4 to 10", "up from 0 to 3", "unchanged at 5". */
    private record Change(double before, double after) {
        static Change between(double before, double after) {
            return new Change(before, after);
        }

        double delta() {
            return after - before;
        }

        String words() {
            if (after == before) {
                return "unchanged at " + Wording.number(after);
            }
            String direction = after > before ? "up" : "down";
            String from = " from " + Wording.number(before) + " to " + Wording.number(after);
            if (before == 0) {
                return direction + from;
            }
            return direction + " " + Math.round(Math.abs(after - before) / Math.abs(before) * 100) + "%" + from;
        }
    }
}
