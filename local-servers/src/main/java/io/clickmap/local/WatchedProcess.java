package io.clickmap.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child process that cannot outlive this JVM. A small shell sits between them and holds the
 * child's pid; when this JVM closes the shell's stdin (on stop, or by dying, even by SIGKILL), or
 * the shell itself is sent TERM or HUP, the shell sends the child the chosen signal and waits for it.
 * The child runs in a session of its own, so a Ctrl-C meant for this JVM does not reach it: its
 * owner stops it, in order. Output goes to a log file.
 */
public final class WatchedProcess {
    /** How the child is asked to end: TERM lets it finish its work, KILL is a crash. */
    public enum Ending { TERM, KILL }

    private static final Duration CHILD_APPEARS = Duration.ofSeconds(5);

    private final Process shell;
    private final ProcessHandle child;
    private final String name;
    private final Path log;

    private WatchedProcess(Process shell, ProcessHandle child, String name, Path log) {
        this.shell = shell;
        this.child = child;
        this.name = name;
        this.log = log;
    }

    public static WatchedProcess start(String name, List<String> command, Map<String, String> environment, Path log, Ending ending) {
        String end = "kill -" + ending + " $child 2>/dev/null; wait $child";
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c",
                "setsid \"$@\" & child=$!; trap '' INT; trap '" + end + "; exit' TERM HUP; read -r _; " + end, "watchdog"));
        wrapped.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process shell;
        try {
            shell = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
        return new WatchedProcess(shell, awaitChild(shell), name, log);
    }

    private static ProcessHandle awaitChild(Process shell) {
        long deadline = System.nanoTime() + CHILD_APPEARS.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> child = shell.children().findFirst();
            if (child.isPresent() || !shell.isAlive()) {
                return child.orElse(shell.toHandle());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return shell.toHandle();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return child.isAlive();
    }

    /**
     * Ends the child with its signal and waits; true when it ended within the timeout. If the shell
     * is gone (someone killed it), the child is signalled directly, so it never lingers.
     */
    public boolean stop(Duration timeout) {
        try (OutputStream stdin = shell.getOutputStream()) {
            stdin.write('\n');
        } catch (IOException ignored) {
            // the shell has already ended; the child is handled below
        }
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            if (!shell.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || child.isAlive()) {
                child.destroy();
                long left = Math.max(0, deadline - System.nanoTime());
                if (!child.onExit().toCompletableFuture().completeOnTimeout(null, left, TimeUnit.NANOSECONDS).join().isAlive()) {
                    shell.waitFor(1, TimeUnit.SECONDS);
                    return !child.isAlive();
                }
                child.destroyForcibly();
                shell.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Polls until the server is ready; if it dies or the timeout passes first, stops it and throws with {@code what}
     * (e.g. "Kafka did not start on port 9092") and where its log is.
     */
    public void awaitReady(BooleanSupplier ready, Duration timeout, long pollMillis, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!isAlive() || System.nanoTime() > deadline) {
                stop(Duration.ofSeconds(10));
                throw new IllegalStateException(what + "; see " + log);
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting: " + what, e);
            }
        }
    }

    /** Ends the child with SIGKILL at once, like a crash. */
    public void kill() {
        child.destroyForcibly();
        stop(Duration.ofSeconds(5));
    }

    /** The shell's exit status is the child's. */
    public int exitValue() {
        return shell.exitValue();
    }
}
