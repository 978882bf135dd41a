package io.clickmap.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command the way a user runs it, as a process of its own: its output (stdout and stderr, merged)
 * is kept line by line and copied to a log under {@code target/}, so a failing test shows what the
 * user would have seen. Closing kills whatever is still running, descendants included.
 */
final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Path log;
    private boolean ended;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread pump = new Thread(this::pump, "output of " + log.getFileName());
        pump.setDaemon(true);
        pump.start();
    }

    static ChildProcess start(String name, List<String> command, Path directory, Map<String, String> environment) {
        try {
            Path log = Files.createDirectories(Path.of("target", "process-logs")).resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            return new ChildProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer copy = Files.newBufferedWriter(log)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                copy.write(line + "\n");
                copy.flush();
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process went away; what it printed so far is kept
        }
        synchronized (lines) {
            ended = true;
            lines.notifyAll();
        }
    }

    /** Waits until a printed line contains the text; fails with everything printed so far when it does not come. */
    String awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (lines.get(seen).contains(text)) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended) {
                    throw new AssertionError("no line containing '" + text + "' within " + timeout.toSeconds() + " s"
                            + (process.isAlive() ? "" : " (exited with " + process.exitValue() + ")") + "; output (" + log + "):\n" + output());
                }
                lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** Sends a signal by name (INT, TERM), as a terminal or an orchestrator would. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** The exit status, once the process ended within the timeout and all it printed is read; fails with its output otherwise. */
    int awaitExit(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout.toSeconds() + " s; output (" + log + "):\n" + output());
        }
        synchronized (lines) {
            // a child that outlives the process may hold the output open: its end is awaited no longer than the timeout
            while (!ended && System.nanoTime() < deadline) {
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
