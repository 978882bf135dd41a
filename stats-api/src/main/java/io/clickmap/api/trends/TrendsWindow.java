package io.clickmap.api.trends;

import io.clickmap.api.errors.ApiException;
import io.clickmap.api.query.DateRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The absolute time window of a trends query, both ends inclusive and in whole seconds, cut into buckets by its
 * interval: the first holds {@code from}, the last holds {@code to}. A window never holds more than
 * {@link #MAX_BUCKETS} buckets: a larger one is a 400 naming {@code interval} and {@code dateRange}, so a hostile
 * query gets an answer within bounds, never a runaway one.
 */
public record TrendsWindow(Instant from, Instant to, TrendsInterval interval) {
    public static final int MAX_BUCKETS = 10_000;

    public TrendsWindow {
        Objects.requireNonNull(interval, "interval");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a window ends after it starts, not " + from + " … " + to);
        }
        long buckets = interval.bucketCount(from, to);
        if (buckets > MAX_BUCKETS) {
            throw ApiException.unsupportedQuery("interval \"" + interval.jsonName() + "\" over dateRange " + from + " … " + to
                    + " makes " + buckets + " buckets; at most " + MAX_BUCKETS + " are answered: choose a longer interval or a shorter dateRange");
        }
    }

    /**
     * The window clamped to what ClickHouse's DateTime holds (1970–2105), as {@code DateParameter} clamps: a start after
     * it moves to the start of its last day, and a window wholly before 1970 shrinks to its first second.
     */
    static TrendsWindow storable(Instant from, Instant to, TrendsInterval interval) {
        Instant start = from.isAfter(DateRange.LATEST) ? DateRange.LATEST_DAY_START : latest(from, DateRange.EARLIEST);
        Instant end = to.isAfter(DateRange.LATEST) ? DateRange.LATEST : latest(to, start);
        return new TrendsWindow(start, end, interval);
    }

    /** Each bucket's start, oldest first. */
    public List<Instant> buckets() {
        List<Instant> buckets = new ArrayList<>();
        for (Instant bucket = interval.bucketStart(from); !bucket.isAfter(to); bucket = interval.next(bucket)) {
            buckets.add(bucket);
        }
        return buckets;
    }

    /** PostHog's {@code days}: {@code 2020-01-09}, or {@code 2020-01-09 13:00:00} by hour. */
    public List<String> days() {
        return each(interval::day);
    }

    /** PostHog's {@code labels}: {@code 9-Jan-2020}, {@code 9-Jan 13:00}, {@code 5–11 Jan}, {@code Jan 2020}. */
    public List<String> labels() {
        return each(bucket -> interval.label(bucket, this));
    }

    /** Each bucket's start as an ISO date and time ({@code 2020-01-09T00:00:00Z}), for {@code action.days}. */
    public List<String> isoDays() {
        return each(Instant::toString);
    }

    /**
     * The period a {@code compareFilter} compares with. Without {@code compareTo}: the window of the same length that
     * ends just before this one starts. With it ({@code -1w}, {@code -14d}, {@code -1m}…): this window's start moved
     * back by that much, keeping this window's length, as PostHog does. Clamped like {@link #storable}.
     */
    public TrendsWindow previous(String compareTo) {
        Duration length = Duration.between(from, to);
        if (compareTo == null) {
            return storable(from.minus(length).minusSeconds(1), from.minusSeconds(1), interval);
        }
        RelativeDate shift = RelativeDate.parse(compareTo.strip()).filter(RelativeDate::isPlainShift)
                .orElseThrow(() -> ApiException.unsupportedQuery("compareFilter.compare_to must go back by hours, days, weeks, months, "
                        + "quarters or years (-24h, -14d, -1w, -1m, -1q, -1y); got " + TrendsDateRange.quoted(compareTo)));
        Instant start = shift.resolve(from);
        return storable(start, start.plus(length), interval);
    }

    private List<String> each(Function<Instant, String> format) {
        return buckets().stream().map(format).toList();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
