package io.clickmap.bench.capture;

import io.clickmap.clickhouse.ClickHouseSql;
import io.clickmap.clickhouse.SqlLiteral;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What ClickHouse is busy with during a phase: every half second, the merges running and the active parts of the
 * benchmark's database, summarised when the phase ends. Freshness depends on how long an insert takes, and merges
 * share the cores with it.
 */
final class MergeSampler {
    private final ClickHouseSql sql;
    private final String database;
    private final List<long[]> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private MergeSampler(ClickHouseSql sql, String database) {
        this.sql = sql;
        this.database = SqlLiteral.render(database);
        this.thread = new Thread(this::sample, "merge-sampler");
        this.thread.setDaemon(true);
    }

    static MergeSampler start(ClickHouseSql sql, String database) {
        MergeSampler sampler = new MergeSampler(sql, database);
        sampler.thread.start();
        return sampler;
    }

    /** "merges running: mean 2.1, max 5; active parts: mean 140, max 171". */
    String stop() throws InterruptedException {
        running = false;
        thread.join();
        synchronized (samples) {
            if (samples.isEmpty()) {
                return "no samples";
            }
            return String.format(Locale.ROOT, "merges running: mean %.1f, max %d; active parts: mean %.0f, max %d",
                    samples.stream().mapToLong(s -> s[0]).average().orElse(0), samples.stream().mapToLong(s -> s[0]).max().orElse(0),
                    samples.stream().mapToLong(s -> s[1]).average().orElse(0), samples.stream().mapToLong(s -> s[1]).max().orElse(0));
        }
    }

    private void sample() {
        String query = "SELECT (SELECT count() FROM system.merges WHERE database = " + database + ") AS merges, "
                + "(SELECT count() FROM system.parts WHERE active AND database = " + database + ") AS parts";
        while (running) {
            long[] sample = sql.query(query, row -> new long[] {row.get("merges").asLong(), row.get("parts").asLong()}).get(0);
            synchronized (samples) {
                samples.add(sample);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
