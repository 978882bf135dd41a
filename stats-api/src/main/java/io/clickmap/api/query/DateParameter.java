package io.clickmap.api.query;

import io.clickmap.api.errors.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code date_from} / {@code date_to}: absolute dates (with or without a time) or relative forms. A value
 * that names a day without a time means that whole day: its start for {@code date_from}, its end for
 * {@code date_to}. {@code date_from} is always clamped to 00:00:00 UTC. Values beyond what ClickHouse's
 * DateTime holds (1970–2105) are clamped to it; a start after it to the start of 2105-12-31, so that even a
 * window wholly in the year 2200 is a valid range (that last day), never a failure.
 */
public final class DateParameter {
    public static final String FROM = "date_from";
    public static final String TO = "date_to";
    /** Without {@code date_from}, the window starts this many days before today. */
    public static final int DEFAULT_DAYS = 7;
    public static final String RELATIVE_FORMS = "-7d, -24h, -2w, -3m, -1y, dStart, mStart, yStart, all";
    private static final Pattern RELATIVE = Pattern.compile("-(\\d{1,6})([hdwmy])");
    private static final String FORMS = "a date (2026-11-20), a date and time (2026-11-20T08:21:34.000Z) "
            + "or relative (" + RELATIVE_FORMS + ")";

    private DateParameter() {
    }

    /** A parsed value: a whole day, or an instant within a day. */
    private record Bound(LocalDate day, Instant instant) {
    }

    public static DateRange parse(String dateFrom, String dateTo, Instant now) {
        LocalDate today = DateRange.dayOf(now);
        Bound from = dateFrom == null ? new Bound(today.minusDays(DEFAULT_DAYS), null) : bound(dateFrom, now, FROM, LocalDate.of(1970, 1, 1));
        Bound to = dateTo == null ? new Bound(today, null) : bound(dateTo, now, TO, today);
        Instant start = DateRange.startOf(from.day() != null ? from.day() : DateRange.dayOf(from.instant()));
        Instant end = to.instant() != null ? to.instant().truncatedTo(ChronoUnit.SECONDS) : DateRange.endOf(to.day());
        if (end.isBefore(start)) {
            throw ApiException.invalid(TO, "date_to must not be before date_from.");
        }
        start = clamp(start, DateRange.LATEST_DAY_START);
        end = clamp(end, DateRange.LATEST);
        if (end.isBefore(start)) {
            // Both ends fell before what ClickHouse stores: an empty window at that edge.
            end = start;
        }
        return new DateRange(start, end);
    }

    /**
     * One bound on its own, in any form {@link #parse} reads: the instant it starts at ({@code from}: a day means its
     * first second) or ends at ({@code from} false: a day means its last second). For filters on stored times.
     */
    public static Instant instant(String raw, boolean from, Instant now, String attr) {
        Bound bound = bound(raw, now, attr, from ? LocalDate.of(1970, 1, 1) : DateRange.dayOf(now));
        if (bound.instant() != null) {
            return bound.instant();
        }
        return from ? DateRange.startOf(bound.day()) : DateRange.endOf(bound.day());
    }

    private static Instant clamp(Instant instant, Instant latest) {
        if (instant.isBefore(DateRange.EARLIEST)) {
            return DateRange.EARLIEST;
        }
        return instant.isAfter(latest) ? latest : instant;
    }

    private static Bound bound(String raw, Instant now, String attr, LocalDate all) {
        String value = raw.strip();
        LocalDate today = DateRange.dayOf(now);
        switch (value) {
            case "all" -> {
                return new Bound(all, null);
            }
            case "dStart" -> {
                return new Bound(today, null);
            }
            case "mStart" -> {
                return new Bound(today.withDayOfMonth(1), null);
            }
            case "yStart" -> {
                return new Bound(today.withDayOfYear(1), null);
            }
            default -> {
            }
        }
        Matcher relative = RELATIVE.matcher(value);
        if (relative.matches()) {
            int amount = Integer.parseInt(relative.group(1));
            return switch (relative.group(2)) {
                case "h" -> new Bound(null, now.truncatedTo(ChronoUnit.SECONDS).minus(amount, ChronoUnit.HOURS));
                case "d" -> new Bound(today.minusDays(amount), null);
                case "w" -> new Bound(today.minusWeeks(amount), null);
                case "m" -> new Bound(today.minusMonths(amount), null);
                default -> new Bound(today.minusYears(amount), null);
            };
        }
        try {
            if (value.length() == 10) {
                return new Bound(LocalDate.parse(value), null);
            }
            String iso = value.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return new Bound(null, OffsetDateTime.parse(normaliseOffset(iso)).toInstant());
            }
            return new Bound(null, LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(attr, attr + " must be " + FORMS + ".");
        }
    }

    /** {@code +0100} → {@code +01:00}, which {@link OffsetDateTime#parse} requires. */
    private static String normaliseOffset(String iso) {
        if (iso.matches(".*[+-]\\d{4}$")) {
            return iso.substring(0, iso.length() - 2) + ":" + iso.substring(iso.length() - 2);
        }
        return iso;
    }
}
