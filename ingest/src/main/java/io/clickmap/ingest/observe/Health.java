package io.clickmap.ingest.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** How the consumer is doing, for {@code /health}: set by the consumer thread, read by the status server's. */
public final class Health {
    public enum State { STARTING, RUNNING, RETRYING, STOPPED }

    /** Retrying for longer than this makes the service unhealthy: a dependency is down, not just blinking. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final Clock clock;
    private volatile State state = State.STARTING;
    private volatile String detail = "starting";
    private volatile Instant since;

    public Health(Clock clock) {
        this.clock = clock;
        this.since = clock.instant();
    }

    public void running() {
        if (state != State.RUNNING) {
            set(State.RUNNING, "consuming");
        }
    }

    public void retrying(String reason) {
        if (state != State.RETRYING) {
            set(State.RETRYING, reason);
        } else {
            detail = reason;
        }
    }

    public void stopped() {
        set(State.STOPPED, "stopped");
    }

    public boolean healthy() {
        return state == State.RUNNING || (state == State.RETRYING && Duration.between(since, clock.instant()).compareTo(GRACE) < 0);
    }

    public String json() {
        return "{\"status\":\"" + (healthy() ? "ok" : "unavailable") + "\",\"state\":\"" + state + "\",\"since\":\"" + since
                + "\",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private void set(State next, String why) {
        state = next;
        detail = why;
        since = clock.instant();
    }
}
