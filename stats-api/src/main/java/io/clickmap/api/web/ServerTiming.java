package io.clickmap.api.web;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Collects the phases of one request for the {@code Server-Timing} header, so clients and benchmarks can
 * tell ClickHouse's share of a response from the service's own. Not thread-safe: one per request.
 */
public final class ServerTiming {
    private final StringBuilder header = new StringBuilder();
    private long clickHouseNanos;
    private int clickHouseCalls;

    /** Adds one call's time spent waiting for ClickHouse; reported as one {@code clickhouse} entry with the number of calls. */
    public void addClickHouse(long nanos) {
        clickHouseNanos += nanos;
        clickHouseCalls++;
    }

    /**
     * Adds the ClickHouse calls of a part of the request that ran on another thread beside this one's (with its own
     * timing, since this is not thread-safe): its time counts as if it had been waited for, so with overlapping calls
     * the entry can exceed the request's time.
     */
    public void addClickHouse(ServerTiming parallel) {
        clickHouseNanos += parallel.clickHouseNanos;
        clickHouseCalls += parallel.clickHouseCalls;
    }

    /** Runs a ClickHouse call and adds its time, failed or not. */
    public <T> T clickHouse(Supplier<T> call) {
        long started = System.nanoTime();
        try {
            return call.get();
        } finally {
            addClickHouse(System.nanoTime() - started);
        }
    }

    public void add(String name, long nanos) {
        append(name, nanos);
    }

    public void note(String name, String description) {
        separate();
        header.append(name).append(";desc=\"").append(description).append('"');
    }

    /** An entry with both: what a phase was, and how long it took. */
    public void note(String name, String description, long nanos) {
        note(name, description);
        header.append(";dur=").append(millis(nanos));
    }

    public String header() {
        StringBuilder all = new StringBuilder();
        if (clickHouseNanos > 0) {
            all.append("clickhouse;dur=").append(millis(clickHouseNanos)).append(";desc=\"").append(clickHouseCalls)
                    .append(clickHouseCalls == 1 ? " query\"" : " queries\"");
        }
        if (header.length() > 0) {
            if (all.length() > 0) {
                all.append(", ");
            }
            all.append(header);
        }
        return all.toString();
    }

    private void append(String name, long nanos) {
        separate();
        header.append(name).append(";dur=").append(millis(nanos));
    }

    private void separate() {
        if (header.length() > 0) {
            header.append(", ");
        }
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
