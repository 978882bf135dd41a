package io.clickmap.api.trends;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where the events of one series' window are counted: {@code rollupDays} from the daily rollups, {@code rawTimes}
 * from {@code events}; together they tile the window, each second in exactly one part, so their counts add up per
 * bucket. A pure decision over the window (both ends inclusive, whole seconds) and the days the rollups cover.
 */
record TrendsPlan(List<Days> rollupDays, List<Times> rawTimes) {
    /** More parts than this and the whole window is raw: always right, and the statement stays short. */
    static final int MAX_PARTS = 32;
    private static final long DAY_SECONDS = 86_400L;

    /** Whole days, both inclusive. */
    record Days(LocalDate first, LocalDate last) {
    }

    /** A stretch of time, both ends inclusive. */
    record Times(Instant from, Instant to) {
    }

    TrendsPlan {
        rollupDays = List.copyOf(rollupDays);
        rawTimes = List.copyOf(rawTimes);
    }

    /** Everything from {@code events}. */
    static TrendsPlan raw(Instant from, Instant to) {
        return new TrendsPlan(List.of(), List.of(new Times(from, to)));
    }

    /**
     * Each whole day that {@code covered} says the rollups hold from the rollups; a partial first or last day and
     * every uncovered day from {@code events}. Neighbouring days that go the same way form one part.
     */
    static TrendsPlan split(Instant from, Instant to, Predicate<LocalDate> covered) {
        List<Days> rollup = new ArrayList<>();
        List<Times> raw = new ArrayList<>();
        LocalDate lastDay = LocalDate.ofInstant(to, ZoneOffset.UTC);
        LocalDate runStart = LocalDate.ofInstant(from, ZoneOffset.UTC);
        boolean runFromRollup = fromRollup(runStart, from, to, covered);
        for (LocalDate day = runStart.plusDays(1); !day.isAfter(lastDay); day = day.plusDays(1)) {
            boolean dayFromRollup = fromRollup(day, from, to, covered);
            if (dayFromRollup != runFromRollup) {
                add(runStart, day.minusDays(1), runFromRollup, from, to, rollup, raw);
                if (rollup.size() + raw.size() >= MAX_PARTS) {
                    return raw(from, to);
                }
                runStart = day;
                runFromRollup = dayFromRollup;
            }
        }
        add(runStart, lastDay, runFromRollup, from, to, rollup, raw);
        return new TrendsPlan(rollup, raw);
    }

    boolean usesRollup() {
        return !rollupDays.isEmpty();
    }

    private static boolean fromRollup(LocalDate day, Instant from, Instant to, Predicate<LocalDate> covered) {
        Instant start = startOf(day);
        boolean whole = !from.isAfter(start) && !to.isBefore(start.plusSeconds(DAY_SECONDS - 1));
        return whole && covered.test(day);
    }

    private static void add(LocalDate first, LocalDate last, boolean fromRollup, Instant from, Instant to, List<Days> rollup, List<Times> raw) {
        if (fromRollup) {
            rollup.add(new Days(first, last));
            return;
        }
        Instant start = startOf(first);
        Instant end = startOf(last).plusSeconds(DAY_SECONDS - 1);
        raw.add(new Times(start.isBefore(from) ? from : start, end.isAfter(to) ? to : end));
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
