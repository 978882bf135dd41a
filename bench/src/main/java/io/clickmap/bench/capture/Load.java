package io.clickmap.bench.capture;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/** HTTP load on capture's {@code /e/}: a fixed number of requests in flight (closed loop) or a fixed rate (open loop). */
final class Load {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;

    Load(int port) {
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/e/");
    }

    /** What a run did: requests answered 200 and their events, refusals, and each 200's latency. */
    record Result(long requests, long events, long refused, double seconds, long[] latencies) {
        double eventsPerSecond() {
            return events / seconds;
        }

        double requestsPerSecond() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latencies.length - 1, Math.ceil(latencies.length * p / 100) - 1);
            return latencies[Math.max(0, index)] / 1e6;
        }
    }

    private final class Run {
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final List<Long> latencies = new ArrayList<>();

        CompletableFuture<Void> send(Requests requests, LongConsumer onAccepted) {
            long started = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30)).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(requests.next())).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                long took = System.nanoTime() - started;
                if (error == null && response.statusCode() == 200) {
                    accepted.incrementAndGet();
                    synchronized (latencies) {
                        latencies.add(took);
                    }
                    onAccepted.accept(System.nanoTime());
                } else {
                    refused.incrementAndGet();
                }
                return null;
            });
        }

        Result result(Requests requests, double seconds) {
            long[] sorted;
            synchronized (latencies) {
                sorted = latencies.stream().mapToLong(Long::longValue).toArray();
            }
            Arrays.sort(sorted);
            return new Result(accepted.get(), accepted.get() * requests.eventsPerRequest(), refused.get(), seconds, sorted);
        }
    }

    Result closedLoop(Requests requests, int inFlight, int seconds) throws InterruptedException {
        Run run = new Run();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(inFlight);
        for (int i = 0; i < inFlight; i++) {
            loop(run, requests, deadline, done);
        }
        done.await();
        return run.result(requests, (System.nanoTime() - started) / 1e9);
    }

    private void loop(Run run, Requests requests, long deadline, CountDownLatch done) {
        run.send(requests, at -> { }).whenComplete((ok, error) -> {
            if (System.nanoTime() < deadline) {
                loop(run, requests, deadline, done);
            } else {
                done.countDown();
            }
        });
    }

    Result openLoop(Requests requests, double perSecond, int seconds) {
        return openLoop(requests, perSecond, seconds, at -> { });
    }

    /** {@code onAccepted} hears the nanoTime of each 200, in the order they arrive. */
    Result openLoop(Requests requests, double perSecond, int seconds, LongConsumer onAccepted) {
        Run run = new Run();
        long started = System.nanoTime();
        long total = (long) (perSecond * seconds);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long due = started + (long) (i * 1e9 / perSecond);
            long early = due - System.nanoTime();
            if (early > 0) {
                LockSupport.parkNanos(early);
            }
            sent.add(run.send(requests, onAccepted));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        return run.result(requests, (System.nanoTime() - started) / 1e9);
    }
}
