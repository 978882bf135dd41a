package io.clickmap.loadgen;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** A one-line progress bar with rate and ETA, redrawn in place on a terminal (every half second at most). */
final class Progress {
    private static final long REDRAW_NANOS = 500_000_000L;
    private final PrintStream out;
    private final long total;
    private final long started = System.nanoTime();
    private long drawnAt;

    Progress(PrintStream out, long total) {
        this.out = out;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - drawnAt < REDRAW_NANOS && done < total) {
            return;
        }
        drawnAt = now;
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double rate = done / seconds;
        int width = 30;
        int filled = total <= 0 ? 0 : (int) (width * Math.min(1.0, (double) done / total));
        String eta = rate <= 0 || total <= 0 ? "?" : format(Duration.ofSeconds((long) ((total - done) / rate)));
        out.printf(Locale.ROOT, "\r[%s%s] %3d%%  %,d/%,d  %,.0f events/s  ETA %s   ",
                "#".repeat(filled), "-".repeat(width - filled), total <= 0 ? 0 : done * 100 / total, done, total, rate, eta);
        out.flush();
    }

    void finish() {
        out.println();
    }

    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds / 60 % 60)
                : seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }
}
