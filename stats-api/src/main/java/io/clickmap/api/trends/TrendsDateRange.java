package io.clickmap.api.trends;

import io.clickmap.api.errors.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A trends query's {@code dateRange} turned into its absolute {@link TrendsWindow}, as PostHog resolves it (UTC).
 * {@code date_from} defaults to {@code -7d}; a relative one starts at the start of its day (of its hour for
 * {@code -Nh}); {@code all} starts at the first stored event. {@code date_to} defaults to now. Unless
 * {@code explicitDate}, the window then covers whole buckets' worth of time: from the start of {@code date_from}'s
 * day to the end of {@code date_to}'s day (hours for the hour interval). A value in no known form, or a
 * {@code date_to} before {@code date_from}, is a 400 naming the field.
 */
public final class TrendsDateRange {
    public static final String DEFAULT_DATE_FROM = "-7d";
    private static final String FORMS = "a date (2020-01-09), a date and time (2020-01-09T12:00:00Z), "
            + "or relative (-7d, -24h, -2w, -1m, -1q, -1y, dStart, -1mStart, -1mEnd";
    private static final int QUOTED_LENGTH = 40;

    private TrendsDateRange() {
    }

    /**
     * @param firstEvent when the first stored event happened, asked only for {@code date_from: "all"}; null when there
     *     are no events, and then the window starts on {@code date_to}'s day
     */
    public static TrendsWindow resolve(String dateFrom, String dateTo, boolean explicitDate, TrendsInterval interval, Instant now,
            Supplier<Instant> firstEvent) {
        Instant to = dateTo == null ? now.truncatedTo(ChronoUnit.SECONDS) : dateTo(dateTo.strip(), now);
        if (!explicitDate) {
            to = endOfPeriod(to, interval);
        }
        Instant from = dateFrom(dateFrom == null ? DEFAULT_DATE_FROM : dateFrom.strip(), now, to, firstEvent);
        if (!explicitDate) {
            from = from.truncatedTo(interval.isHourly() ? ChronoUnit.HOURS : ChronoUnit.DAYS);
        }
        if (to.isBefore(from)) {
            throw ApiException.unsupportedQuery("dateRange.date_to (" + to + ") must not be before dateRange.date_from (" + from + ")");
        }
        return TrendsWindow.storable(from, to, interval);
    }

    private static Instant dateTo(String value, Instant now) {
        Optional<RelativeDate> relative = RelativeDate.parse(value);
        if (relative.isPresent()) {
            return relative.get().resolve(now);
        }
        return AbsoluteDate.parse(value).map(AbsoluteDate::end)
                .orElseThrow(() -> ApiException.unsupportedQuery("dateRange.date_to must be " + FORMS + "); got " + quoted(value)));
    }

    private static Instant dateFrom(String value, Instant now, Instant to, Supplier<Instant> firstEvent) {
        if (value.equals("all")) {
            Instant first = firstEvent.get();
            return first == null || first.isAfter(to) ? to.truncatedTo(ChronoUnit.DAYS) : first.truncatedTo(ChronoUnit.SECONDS);
        }
        Optional<RelativeDate> relative = RelativeDate.parse(value);
        if (relative.isPresent()) {
            return relative.get().resolve(now).truncatedTo(relative.get().countsHours() ? ChronoUnit.HOURS : ChronoUnit.DAYS);
        }
        return AbsoluteDate.parse(value).map(AbsoluteDate::start)
                .orElseThrow(() -> ApiException.unsupportedQuery("dateRange.date_from must be " + FORMS + ", all); got " + quoted(value)));
    }

    /** The last second of the hour (hour interval) or of the day that holds {@code instant}. */
    private static Instant endOfPeriod(Instant instant, TrendsInterval interval) {
        ChronoUnit unit = interval.isHourly() ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        return instant.truncatedTo(unit).plus(1, unit).minusSeconds(1);
    }

    /** A value quoted for an error detail, cut short so a hostile value is not echoed whole. */
    static String quoted(String value) {
        String shown = value.length() > QUOTED_LENGTH ? value.substring(0, QUOTED_LENGTH) + "…" : value;
        return "\"" + shown + "\"";
    }
}
