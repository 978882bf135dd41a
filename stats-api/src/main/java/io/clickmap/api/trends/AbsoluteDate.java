package io.clickmap.api.trends;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;

/**
 * An absolute {@code date_from} / {@code date_to}: a day ({@code 2020-01-09}) or a date and time
 * ({@code 2020-01-09T12:00:00Z}, {@code 2020-01-09 12:00:00}, {@code …+01:00}); without a zone it is UTC, and
 * fractions of a second are dropped (ClickHouse's DateTime counts seconds). Anything else is empty.
 */
record AbsoluteDate(LocalDate day, Instant instant) {
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    static Optional<AbsoluteDate> parse(String value) {
        try {
            return Optional.of(new AbsoluteDate(LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE), null));
        } catch (DateTimeParseException notADay) {
            // perhaps a date and time
        }
        try {
            // PostHog's dates also come as "2020-01-09 12:00:00".
            TemporalAccessor parsed = DATE_TIME.parseBest(value.replaceFirst(" ", "T"), OffsetDateTime::from, LocalDateTime::from);
            Instant instant = parsed instanceof OffsetDateTime withZone ? withZone.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            return Optional.of(new AbsoluteDate(null, instant.truncatedTo(ChronoUnit.SECONDS)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A day names all of it: its first second as a start, its last as an end. */
    Instant start() {
        return day == null ? instant : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Instant end() {
        return day == null ? instant : day.atTime(23, 59, 59).toInstant(ZoneOffset.UTC);
    }
}
