package io.clickmap.testing;

/**
 * A real ClickHouse server the tests of one JVM share. Which one (an external URL, a container, or
 * the local binary as a child process) is decided once, by {@link SharedServers}.
 */
public interface ClickHouseServer extends AutoCloseable {

    /** Base URL of the HTTP interface, e.g. {@code http://127.0.0.1:18123}. */
    String httpUrl();

    String user();

    String password();

    /** Whether {@link #stop()} and {@link #start()} can simulate an outage of this server. */
    boolean canStop();

    /** Makes the server unreachable (it keeps its data) until {@link #start()}. */
    void stop();

    void start();

    /** Where the server's own log is, for a failing test's report; empty when not reachable from here. */
    String logLocation();

    @Override
    void close();
}
