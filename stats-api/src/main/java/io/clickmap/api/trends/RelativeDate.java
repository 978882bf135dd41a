package io.clickmap.api.trends;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date relative to now, as PostHog writes them: {@code -7d}, {@code -24h}, {@code -2w}, {@code -1m}, {@code -1q}
 * (three months), {@code -1y}, optionally at the {@code Start} or {@code End} of that hour, day, Sunday week, month,
 * quarter or year ({@code -1mStart}, {@code -1mEnd}); without a number it is this one ({@code dStart}, {@code mStart}).
 * Anything else is not a relative date (empty), for the caller to refuse naming its field.
 */
record RelativeDate(int amount, Unit unit, Position position) {
    /** Six digits at most: -999999y already reaches far before 1970, and the arithmetic stays in range. */
    private static final Pattern FORM = Pattern.compile("(?:-(\\d{1,6}))?([hdwmqy])(Start|End)?");

    enum Unit {
        HOUR, DAY, WEEK, MONTH, QUARTER, YEAR
    }

    enum Position {
        AS_IS, START, END
    }

    static Optional<RelativeDate> parse(String value) {
        Matcher form = FORM.matcher(value);
        if (!form.matches() || (form.group(1) == null && form.group(3) == null)) {
            return Optional.empty();
        }
        int amount = form.group(1) == null ? 0 : Integer.parseInt(form.group(1));
        Position position = form.group(3) == null ? Position.AS_IS : Position.valueOf(form.group(3).toUpperCase(Locale.ROOT));
        return Optional.of(new RelativeDate(amount, unit(form.group(2).charAt(0)), position));
    }

    /** {@code -Nu} without a position: how far back a compare_to moves a window. */
    boolean isPlainShift() {
        return position == Position.AS_IS;
    }

    /** Whether it counts hours, so a {@code date_from} snaps to its hour rather than its day. */
    boolean countsHours() {
        return unit == Unit.HOUR;
    }

    /** The instant this names, counted back from {@code reference} (whole seconds). */
    Instant resolve(Instant reference) {
        LocalDateTime back = back(LocalDateTime.ofInstant(reference.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
        return switch (position) {
            case AS_IS -> back.toInstant(ZoneOffset.UTC);
            case START -> periodStart(back).toInstant(ZoneOffset.UTC);
            case END -> nextPeriodStart(periodStart(back)).toInstant(ZoneOffset.UTC).minusSeconds(1);
        };
    }

    private LocalDateTime back(LocalDateTime time) {
        return switch (unit) {
            case HOUR -> time.minusHours(amount);
            case DAY -> time.minusDays(amount);
            case WEEK -> time.minusWeeks(amount);
            case MONTH -> time.minusMonths(amount);
            case QUARTER -> time.minusMonths(3L * amount);
            case YEAR -> time.minusYears(amount);
        };
    }

    private LocalDateTime periodStart(LocalDateTime time) {
        LocalDateTime day = time.truncatedTo(ChronoUnit.DAYS);
        return switch (unit) {
            case HOUR -> time.truncatedTo(ChronoUnit.HOURS);
            case DAY -> day;
            case WEEK -> day.minusDays(day.getDayOfWeek().getValue() % DayOfWeek.values().length);
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    private LocalDateTime nextPeriodStart(LocalDateTime start) {
        return switch (unit) {
            case HOUR -> start.plusHours(1);
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
    }

    private static Unit unit(char letter) {
        return switch (letter) {
            case 'h' -> Unit.HOUR;
            case 'd' -> Unit.DAY;
            case 'w' -> Unit.WEEK;
            case 'm' -> Unit.MONTH;
            case 'q' -> Unit.QUARTER;
            default -> Unit.YEAR;
        };
    }
}
