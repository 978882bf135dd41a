package io.clickmap.api.trends;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * PostHog's label of a week bucket: the days of that week inside the query's window, so the first and last weeks
 * show only the days they count. Within one month {@code 29–31 Oct}; across two {@code 29-Oct – 4-Nov} (both with an
 * en dash, U+2013).
 */
final class WeekLabel {
    private static final String EN_DASH = "\u2013";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_AND_MONTH = DateTimeFormatter.ofPattern("d-MMM", Locale.ENGLISH);

    private WeekLabel() {
    }

    static String of(Instant weekStart, TrendsWindow window) {
        LocalDate firstDay = later(day(weekStart), day(window.from()));
        LocalDate lastDay = earlier(day(TrendsInterval.WEEK.next(weekStart)).minusDays(1), day(window.to()));
        if (firstDay.getMonth() == lastDay.getMonth() && firstDay.getYear() == lastDay.getYear()) {
            return firstDay.getDayOfMonth() + EN_DASH + lastDay.getDayOfMonth() + " " + MONTH.format(lastDay);
        }
        return DAY_AND_MONTH.format(firstDay) + " " + EN_DASH + " " + DAY_AND_MONTH.format(lastDay);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
