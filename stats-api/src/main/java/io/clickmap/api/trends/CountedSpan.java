package io.clickmap.api.trends;

import java.time.Instant;

/**
 * The seconds whose events one series' numbers depend on, both ends inclusive: its window — except with a trailing
 * window (weekly / monthly active by day or hour), where every bucket counts the 7 / 30 days up to and including it,
 * so the first bucket reaches back 6 / 29 days before its start; a total-value display then counts the trailing window
 * that ends with the last bucket, within the window. A pure function: the raw statements read exactly this span, and
 * the sketch rollup serves a series only when all of it is whole covered days ({@link TrendsPlan#activeUsers}).
 */
final class CountedSpan {
    private CountedSpan() {
    }

    static TrendsPlan.Times of(TrendsMath math, TrendsInterval interval, TrendsDisplay display, TrendsWindow window) {
        int days = trailingDays(math, interval);
        if (days == 0) {
            return new TrendsPlan.Times(window.from(), window.to());
        }
        long step = interval.seconds();
        long back = (days * 86_400L / step - 1) * step;
        if (display == TrendsDisplay.TOTAL_VALUE) {
            Instant start = interval.bucketStart(window.to()).minusSeconds(back);
            return new TrendsPlan.Times(start.isAfter(window.from()) ? start : window.from(), window.to());
        }
        return new TrendsPlan.Times(interval.bucketStart(window.from()).minusSeconds(back), window.to());
    }

    /** Weekly and monthly active users look back over days; with week and month buckets they are the bucket's own distinct ids. */
    static int trailingDays(TrendsMath math, TrendsInterval interval) {
        return interval.seconds() <= 86_400L ? math.trailingDays : 0;
    }
}
