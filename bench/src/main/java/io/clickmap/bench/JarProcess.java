package io.clickmap.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service jar (ingest, capture) as a child process, so its CPU time and heap are its own: CPU from
 * /proc, peak heap from its GC log (the occupancy before each collection), peak RSS from /proc. Ready
 * when {@code /health} on its port answers 200. Stops with SIGTERM, or dies with SIGKILL for the kill test.
 */
public final class JarProcess {
    private static final Pattern GC_BEFORE = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Process process;
    private final Path gcLog;
    private final File log;
    private final int healthPort;

    public JarProcess(String jar, Map<String, String> environment, int healthPort, Path workDir, String name) {
        this(List.of("-jar", jar), environment, healthPort, workDir, name);
    }

    /** A main class of a jar (the benchmark's own, say) instead of the jar's own main. */
    public static JarProcess mainClass(String jar, String mainClass, Map<String, String> environment, int healthPort, Path workDir, String name) {
        return new JarProcess(List.of("-cp", jar, mainClass), environment, healthPort, workDir, name);
    }

    private JarProcess(List<String> launch, Map<String, String> environment, int healthPort, Path workDir, String name) {
        this.healthPort = healthPort;
        this.gcLog = workDir.resolve(name + "-gc.log");
        this.log = workDir.resolve(name + ".log").toFile();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-Xms256m", "-Xlog:gc:file=" + gcLog));
        command.addAll(launch);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    /** The port of its {@code /health} (capture's HTTP port, ingest's status port). */
    public int port() {
        return healthPort;
    }

    public void awaitHealthy() {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(log.getName() + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException(log.getName() + " not healthy after 60 s; see " + log);
    }

    /** User plus system CPU seconds the process has used so far. */
    public double cpuSeconds() {
        try {
            return cpuTicks(Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"))) / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CPU seconds the whole process and its JIT compiler threads have used so far. */
    public record Cpu(double total, double compiler) {
    }

    public Cpu cpu() {
        return new Cpu(cpuSeconds(), compilerCpuSeconds());
    }

    /**
     * The share of the process's CPU since {@code before} that its JIT compiler threads took: on a loaded
     * 2-core machine they are starved and compile for a minute or more, and a measurement taken meanwhile is
     * of half-compiled code, so benchmarks warm up until this share is small.
     */
    public double compilerShareSince(Cpu before) {
        Cpu now = cpu();
        return (now.compiler() - before.compiler()) / Math.max(0.01, now.total() - before.total());
    }

    private double compilerCpuSeconds() {
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            for (Path thread : threads) {
                try {
                    if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                        ticks += cpuTicks(Files.readString(thread.resolve("stat")));
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks / (double) CLOCK_TICKS_PER_SECOND;
    }

    private static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Peak resident memory in MiB. */
    public long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The largest heap occupancy the GC log shows before a collection, in MiB. */
    public long peakHeapMiB() {
        try {
            long peak = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher matcher = GC_BEFORE.matcher(line);
                if (matcher.find()) {
                    peak = Math.max(peak, Long.parseLong(matcher.group(1)));
                }
            }
            return peak;
        } catch (IOException e) {
            return -1;
        }
    }

    /** SIGTERM; returns the exit code and how long the process took to end. */
    public String stop() {
        long started = System.nanoTime();
        process.destroy();
        try {
            boolean ended = process.waitFor(30, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - started) / 1_000_000;
            return ended ? "exit " + process.exitValue() + " after " + millis + " ms" : "still running after 30 s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
