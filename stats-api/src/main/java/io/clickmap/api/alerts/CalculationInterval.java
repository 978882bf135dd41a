package io.clickmap.api.alerts;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code calculation_interval}: how often an alert is checked, and when its next check is due, as PostHog schedules
 * them in an environment's time zone (UTC in Clickmap). Hourly checks keep their minute; a daily check runs after
 * 01:00 of the next day, a weekly one after 03:00 of the next Monday, a monthly one after 04:00 of the first of the
 * next month — each at the minute and second of the check before, so that checks spread over the hour.
 */
enum CalculationInterval {
    HOURLY("hourly"), DAILY("daily"), WEEKLY("weekly"), MONTHLY("monthly");

    static final CalculationInterval DEFAULT = DAILY;
    static final String NAMES = Arrays.stream(values()).map(interval -> interval.wireName).collect(Collectors.joining(", "));

    final String wireName;

    CalculationInterval(String wireName) {
        this.wireName = wireName;
    }

    static Optional<CalculationInterval> named(String name) {
        return Arrays.stream(values()).filter(interval -> interval.wireName.equals(name)).findFirst();
    }

    /** When the check after one made at {@code now} is due; {@code due} is when the one just made was. */
    Instant nextCheck(Instant due, Instant now) {
        ZonedDateTime at = now.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
        return switch (this) {
            case HOURLY -> {
                // The next hour after the due time that is still ahead: a check that ran late does not run twice.
                long hours = Math.max(1, Duration.between(due, now).toHours() + 1);
                yield due.plus(hours, ChronoUnit.HOURS);
            }
            case DAILY -> at.plusDays(1).withHour(1).toInstant();
            case WEEKLY -> at.plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)).withHour(3).toInstant();
            case MONTHLY -> at.plusMonths(1).withDayOfMonth(1).withHour(4).toInstant();
        };
    }
}
