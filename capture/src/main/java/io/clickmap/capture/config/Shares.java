package io.clickmap.capture.config;

import io.clickmap.capture.errors.Rejection;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A bounded resource that requests share ({@link CaptureLimits}): a request waits at most a second for its share,
 * then is answered 503 {@code overloaded} rather than queued without end.
 */
public final class Shares {
    private final Semaphore available;
    private final String overloaded;

    /** @param overloaded what a request refused for want of its share is told */
    public Shares(int total, String overloaded) {
        this.available = new Semaphore(total);
        this.overloaded = overloaded;
    }

    /** Runs {@code work} holding {@code share} of the resource. */
    public <T> T with(int share, Supplier<T> work) {
        try {
            if (!available.tryAcquire(share, 1, TimeUnit.SECONDS)) {
                throw Rejection.unavailable("overloaded", overloaded);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Rejection.unavailable("stopping", "Capture is stopping; retry.");
        }
        try {
            return work.get();
        } finally {
            available.release(share);
        }
    }

    /** What no request holds now. */
    public int available() {
        return available.availablePermits();
    }
}
