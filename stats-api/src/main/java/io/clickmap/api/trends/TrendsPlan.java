package io.clickmap.api.trends;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where the events of one series' window are counted: {@code rollupDays} from {@code rollup}, {@code rawTimes} from
 * {@code events}; together they tile the window, each second in exactly one part, so their counts add up per bucket.
 * A pure decision over the window (both ends inclusive, whole seconds), the series' filters and the days each rollup
 * covers. A plan has a rollup exactly when it has rollup days.
 */
record TrendsPlan(Rollup rollup, List<Days> rollupDays, List<Times> rawTimes) {
    /** More parts than this and the whole window is raw: always right, and the statement stays short. */
    static final int MAX_PARTS = 32;
    private static final long DAY_SECONDS = 86_400L;

    /** Where a plan's whole days are counted. */
    enum Rollup {
        /** Nowhere: the whole window from {@code events}. */
        NONE,
        /** {@code clicks_daily} (V010): every click per day, event and page URL — a series without element filters. */
        CLICKS,
        /** {@code element_clicks_daily} per day, event, page and chain, with {@code chainless_clicks_daily} (V009). */
        ELEMENT_CLICKS,
        /** {@code chain_clicks_daily} (V016) per event, day and chain, with {@code chainless_clicks_daily} — no page asked. */
        CHAIN_CLICKS,
        /** {@code daily_ids} (V015): each day's distinct ids per event — a distinct-id series filtered by event names alone. */
        DAILY_IDS
    }

    /** Whole days, both inclusive. */
    record Days(LocalDate first, LocalDate last) {
    }

    /** A stretch of time, both ends inclusive. */
    record Times(Instant from, Instant to) {
    }

    TrendsPlan {
        rollupDays = List.copyOf(rollupDays);
        rawTimes = List.copyOf(rawTimes);
        if ((rollup == Rollup.NONE) != rollupDays.isEmpty()) {
            throw new IllegalArgumentException("a plan reads whole days from a rollup exactly when it has some: " + rollup + ", " + rollupDays);
        }
    }

    /** Everything from {@code events}. */
    static TrendsPlan raw(Instant from, Instant to) {
        return new TrendsPlan(Rollup.NONE, List.of(), List.of(new Times(from, to)));
    }

    /** What a series the rollups can count asks of them besides event names: the clicked element, the page (a URL filter or breakdown). */
    record Needs(boolean chains, boolean page) {
    }

    /** Which days each click rollup covers. */
    record Covered(Predicate<LocalDate> clicks, Predicate<LocalDate> elementClicks, Predicate<LocalDate> chainClicks) {
    }

    /**
     * The plan of a series the rollups can count ({@link RollupEligibility}). With an element filter, from a rollup that
     * holds the chain: {@code chain_clicks_daily} when the page is not asked for, else the element rollups, which also
     * hold the page. Without one, from {@code clicks_daily}. Of the rollups that can count the series, the one that
     * leaves the fewest whole days to {@code events} — the smaller rollup first when they tie: on a database upgraded
     * while it held clicks, an older rollup covers days a newer one does not, and counts the same clicks. Each
     * predicate says which days its rollup covers; only the days of the window are asked.
     */
    static TrendsPlan choose(Instant from, Instant to, Needs needs, Covered covered) {
        TrendsPlan elementClicks = split(Rollup.ELEMENT_CLICKS, from, to, covered.elementClicks());
        if (needs.chains() && needs.page()) {
            return elementClicks;
        }
        TrendsPlan smaller = needs.chains() ? split(Rollup.CHAIN_CLICKS, from, to, covered.chainClicks()) : split(Rollup.CLICKS, from, to, covered.clicks());
        return smaller.rollupDayCount() >= elementClicks.rollupDayCount() ? smaller : elementClicks;
    }

    /**
     * Each whole day that {@code covered} says {@code rollup} holds from it; a partial first or last day and every
     * uncovered day from {@code events}. Neighbouring days that go the same way form one part.
     */
    static TrendsPlan split(Rollup rollup, Instant from, Instant to, Predicate<LocalDate> covered) {
        List<Days> rollupRuns = new ArrayList<>();
        List<Times> raw = new ArrayList<>();
        LocalDate lastDay = LocalDate.ofInstant(to, ZoneOffset.UTC);
        LocalDate runStart = LocalDate.ofInstant(from, ZoneOffset.UTC);
        boolean runFromRollup = fromRollup(runStart, from, to, covered);
        for (LocalDate day = runStart.plusDays(1); !day.isAfter(lastDay); day = day.plusDays(1)) {
            boolean dayFromRollup = fromRollup(day, from, to, covered);
            if (dayFromRollup != runFromRollup) {
                add(runStart, day.minusDays(1), runFromRollup, from, to, rollupRuns, raw);
                if (rollupRuns.size() + raw.size() >= MAX_PARTS) {
                    return raw(from, to);
                }
                runStart = day;
                runFromRollup = dayFromRollup;
            }
        }
        add(runStart, lastDay, runFromRollup, from, to, rollupRuns, raw);
        return rollupRuns.isEmpty() ? raw(from, to) : new TrendsPlan(rollup, rollupRuns, raw);
    }

    boolean usesRollup() {
        return rollup != Rollup.NONE;
    }

    private long rollupDayCount() {
        return rollupDays.stream().mapToLong(run -> run.last().toEpochDay() - run.first().toEpochDay() + 1).sum();
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
