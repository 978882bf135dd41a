package io.clickmap.api.trends;

import io.clickmap.api.errors.ApiException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A trends query's {@code interval}: how time is cut into buckets (UTC; weeks start on Sunday), the strings PostHog
 * shows for a bucket, and the ClickHouse expression that puts a stored time in its bucket. Java's and ClickHouse's
 * bucket starts agree for every time ClickHouse's DateTime holds (1970–2105); the week holding 1970-01-01 starts
 * there, not on the Sunday before, which no DateTime can name. An unknown interval is a 400.
 */
public enum TrendsInterval {
    HOUR("hour", "uuuu-MM-dd HH:mm:ss", "d-MMM HH:mm"),
    DAY("day", "uuuu-MM-dd", "d-MMM-uuuu"),
    WEEK("week", "uuuu-MM-dd", null),
    MONTH("month", "uuuu-MM-dd", "MMM uuuu");

    public static final TrendsInterval DEFAULT = DAY;
    private static final String NAMES = Arrays.stream(values()).map(TrendsInterval::jsonName).collect(Collectors.joining(", "));

    private final String jsonName;
    private final DateTimeFormatter day;
    private final DateTimeFormatter label;

    TrendsInterval(String jsonName, String dayPattern, String labelPattern) {
        this.jsonName = jsonName;
        this.day = DateTimeFormatter.ofPattern(dayPattern, Locale.ENGLISH).withZone(ZoneOffset.UTC);
        this.label = labelPattern == null ? null : DateTimeFormatter.ofPattern(labelPattern, Locale.ENGLISH).withZone(ZoneOffset.UTC);
    }

    /** The query's {@code interval}; absent means {@link #DEFAULT}. */
    public static TrendsInterval parse(String value) {
        if (value == null) {
            return DEFAULT;
        }
        for (TrendsInterval interval : values()) {
            if (interval.jsonName.equals(value)) {
                return interval;
            }
        }
        throw ApiException.unsupportedQuery("interval must be one of " + NAMES + "; got \"" + value + "\"");
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean isHourly() {
        return this == HOUR;
    }

    /** A bucket's length for hours and days, which trailing windows step by; weeks and months never step. */
    long seconds() {
        return switch (this) {
            case HOUR -> 3_600L;
            case DAY -> 86_400L;
            case WEEK -> 7 * 86_400L;
            case MONTH -> 31 * 86_400L;
        };
    }

    /** The start of the bucket that holds {@code instant}. */
    public Instant bucketStart(Instant instant) {
        return switch (this) {
            case HOUR -> instant.truncatedTo(ChronoUnit.HOURS);
            case DAY -> instant.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> {
                LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
                Instant sunday = startOf(date.minusDays(date.getDayOfWeek().getValue() % DayOfWeek.values().length));
                yield sunday.isBefore(Instant.EPOCH) ? Instant.EPOCH : sunday;
            }
            case MONTH -> startOf(LocalDate.ofInstant(instant, ZoneOffset.UTC).withDayOfMonth(1));
        };
    }

    /** The start of the bucket after the one that holds {@code instant}. */
    public Instant next(Instant instant) {
        Instant start = bucketStart(instant);
        return switch (this) {
            case HOUR -> start.plus(1, ChronoUnit.HOURS);
            case DAY -> start.plus(1, ChronoUnit.DAYS);
            case WEEK -> bucketStart(start.plus(7, ChronoUnit.DAYS));
            case MONTH -> startOf(LocalDate.ofInstant(start, ZoneOffset.UTC).plusMonths(1));
        };
    }

    /** How many buckets a window from {@code from} to {@code to} (both inclusive) touches, counted without listing them. */
    long bucketCount(Instant from, Instant to) {
        Instant first = bucketStart(from);
        Instant last = bucketStart(to);
        long between = switch (this) {
            case HOUR -> ChronoUnit.HOURS.between(first, last);
            case DAY -> ChronoUnit.DAYS.between(first, last);
            // From the second bucket on, since the first may be the short week that starts on 1970-01-01.
            case WEEK -> Math.floorDiv(ChronoUnit.DAYS.between(next(first), last), 7) + 1;
            case MONTH -> ChronoUnit.MONTHS.between(LocalDate.ofInstant(first, ZoneOffset.UTC), LocalDate.ofInstant(last, ZoneOffset.UTC));
        };
        return between + 1;
    }

    /** The bucket as PostHog's {@code days} entry: {@code 2020-01-09}, or {@code 2020-01-09 13:00:00} by hour. */
    public String day(Instant bucketStart) {
        return day.format(bucketStart);
    }

    /** The bucket as PostHog's {@code labels} entry; a week shows only its days within {@code window}. */
    public String label(Instant bucketStart, TrendsWindow window) {
        return this == WEEK ? WeekLabel.of(bucketStart, window) : label.format(bucketStart);
    }

    /**
     * ClickHouse SQL mapping a {@code DateTime('UTC')} column to its bucket's start, as epoch seconds (UInt32), on
     * ClickHouse 18.16 and current releases. Days, weeks and months go through the Date's day number, so the server's
     * time zone never enters; a week before 1970-01-04 starts at 1970-01-01, as {@link #bucketStart} does.
     */
    public String bucketSql(String column) {
        String dayNumber = "toUInt32(toDate(" + column + "))";
        return switch (this) {
            case HOUR -> "toUInt32(toStartOfHour(" + column + "))";
            case DAY -> "toUInt32(" + dayNumber + " * 86400)";
            case WEEK -> "toUInt32(greatest(toInt64(" + dayNumber + ") - toDayOfWeek(toDate(" + column + ")) % 7, 0) * 86400)";
            case MONTH -> "toUInt32(toUInt32(toStartOfMonth(toDate(" + column + "))) * 86400)";
        };
    }

    private static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
