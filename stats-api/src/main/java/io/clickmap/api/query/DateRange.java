package io.clickmap.api.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The time window of a stats query, both ends inclusive and in whole seconds (ClickHouse's DateTime).
 * {@code from} is always 00:00:00 UTC of its day; {@code to} is either 23:59:59 of its day (whole days) or
 * any second within it (a partial last day).
 */
public record DateRange(Instant from, Instant to) {
    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("2105-12-31T23:59:59Z");
    /** Where a range starting after {@link #LATEST} is clamped to: the start of its day keeps {@code from} a day's start. */
    public static final Instant LATEST_DAY_START = Instant.parse("2105-12-31T00:00:00Z");

    public DateRange {
        if (!from.equals(startOf(dayOf(from)))) {
            throw new IllegalArgumentException("a range starts at the start of a day, not at " + from);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a range ends after it starts");
        }
    }

    public LocalDate firstDay() {
        return dayOf(from);
    }

    public LocalDate lastDay() {
        return dayOf(to);
    }

    /** Whether the last day is covered to its last second, so the daily rollup can answer for it. */
    public boolean lastDayIsWhole() {
        return to.equals(endOf(lastDay()));
    }

    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static Instant endOf(LocalDate day) {
        return startOf(day.plusDays(1)).minusSeconds(1);
    }
}
