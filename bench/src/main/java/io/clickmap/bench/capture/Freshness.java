package io.clickmap.bench.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * How long after capture's 200 an event is counted in ClickHouse, at a steady rate: the stored count is
 * polled every 50 ms, and the i-th accepted event counts as visible at the first poll that saw more than i
 * rows beyond the start (events are taken as stored in the order they were accepted).
 */
final class Freshness {
    private Freshness() {
    }

    record Result(long p50Millis, long p99Millis, long maxMillis, long refused) {
    }

    static Result measure(Load load, Requests requests, int eventsPerSecond, int seconds, LongSupplier stored) throws InterruptedException {
        long base = stored.getAsLong();
        List<Long> accepted = new ArrayList<>();
        List<long[]> polls = new ArrayList<>();
        long expected = (long) eventsPerSecond * seconds;
        boolean[] sending = {true};
        Thread poller = new Thread(() -> {
            long deadline = Long.MAX_VALUE;
            while (true) {
                long seen = stored.getAsLong() - base;
                synchronized (polls) {
                    polls.add(new long[] {System.nanoTime(), seen});
                }
                synchronized (accepted) {
                    if (!sending[0] && deadline == Long.MAX_VALUE) {
                        deadline = System.nanoTime() + 60_000_000_000L;
                    }
                    if (!sending[0] && seen >= (long) accepted.size() * requests.eventsPerRequest() || System.nanoTime() > deadline) {
                        return;
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        poller.start();
        Load.Result sent = load.openLoop(requests, (double) eventsPerSecond / requests.eventsPerRequest(), seconds, at -> {
            synchronized (accepted) {
                accepted.add(at);
            }
        });
        synchronized (accepted) {
            sending[0] = false;
        }
        poller.join();
        long[] latencies = new long[(int) Math.min(expected, (long) accepted.size() * requests.eventsPerRequest())];
        int poll = 0;
        for (int i = 0; i < latencies.length; i++) {
            long ackedAt = accepted.get(i / requests.eventsPerRequest());
            while (poll < polls.size() - 1 && polls.get(poll)[1] <= i) {
                poll++;
            }
            latencies[i] = Math.max(0, polls.get(poll)[0] - ackedAt);
        }
        Arrays.sort(latencies);
        int n = latencies.length;
        return new Result(latencies[n / 2] / 1_000_000, latencies[(int) (n * 0.99)] / 1_000_000, latencies[n - 1] / 1_000_000, sent.refused());
    }
}
