package io.clickmap.bench.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the machine's CPU went during a phase: all cores busy or idle (/proc/stat), and of this JVM's share the
 * load's HTTP clients apart from the rest (the Kafka broker and everything else the benchmark runs here).
 * Capture's rate is bounded by what the other tenants of the two cores leave it, so a report of its rate says
 * what they took.
 */
final class CpuSplit {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long machineBusy;
    private final long machineTotal;
    private final long httpClientNanos;
    private final long otherNanos;
    private final long wallNanos;

    private CpuSplit(long machineBusy, long machineTotal, long httpClientNanos, long otherNanos, long wallNanos) {
        this.machineBusy = machineBusy;
        this.machineTotal = machineTotal;
        this.httpClientNanos = httpClientNanos;
        this.otherNanos = otherNanos;
        this.wallNanos = wallNanos;
    }

    static CpuSplit now() {
        long[] machine = machineTicks();
        long other = 0;
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = THREADS.getThreadCpuTime(ids[i]);
            if (cpu < 0 || infos[i] == null) {
                continue;
            }
            // the load's threads live for one loop and count their own CPU when they end
            if (!infos[i].getThreadName().startsWith(Load.THREAD_PREFIX)) {
                other += cpu;
            }
        }
        return new CpuSplit(machine[0], machine[1], Load.cpuNanos(), other, System.nanoTime());
    }

    /** "machine 1.96 of 2 cores busy; the benchmark's JVM: HTTP load 0.12 cores, Kafka broker and the rest 0.61 cores". */
    String since(CpuSplit before) {
        double wall = (wallNanos - before.wallNanos) / 1e9;
        double cores = Runtime.getRuntime().availableProcessors();
        double busyShare = (machineBusy - before.machineBusy) / (double) Math.max(1, machineTotal - before.machineTotal);
        // a broker thread that ended between the readings drops out of the sum; the broker keeps its threads, so this is rare
        return String.format(Locale.ROOT, "machine %.2f of %.0f cores busy; the benchmark's JVM: HTTP load %.2f cores, Kafka broker and the rest %.2f cores",
                busyShare * cores, cores, Math.max(0, httpClientNanos - before.httpClientNanos) / 1e9 / wall,
                Math.max(0, otherNanos - before.otherNanos) / 1e9 / wall);
    }

    /** The aggregate line of /proc/stat: ticks not idle (idle and iowait) and all ticks. */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            // user … steal; guest time is already inside user
            for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
