package io.clickmap.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntConsumer;
import java.util.zip.GZIPOutputStream;

/**
 * Clicks posted to capture the way posthog-js posts them: JSON arrays of {@code batchSize} events, gzipped,
 * to {@code /e/}, several requests in flight at once. A request not answered 200 loses its whole batch
 * (capture stores a request whole or not at all) and is counted, not retried.
 */
public final class CaptureSink implements ClickSink {
    private static final int IN_FLIGHT = 8;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final int batchSize;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final List<CompletableFuture<?>> pending = new ArrayList<>();
    private List<ClickGenerator.Click> batch = new ArrayList<>();
    private IntConsumer onFailed = lost -> { };

    public CaptureSink(URI captureUrl, int batchSize) {
        this.endpoint = captureUrl.resolve("/e/");
        this.batchSize = batchSize;
    }

    @Override
    public void send(ClickGenerator.Click click, IntConsumer onFailed) {
        this.onFailed = onFailed;
        batch.add(click);
        if (batch.size() == batchSize) {
            post();
        }
    }

    private void post() {
        List<ClickGenerator.Click> clicks = batch;
        batch = new ArrayList<>(batchSize);
        inFlight.acquireUninterruptibly();
        IntConsumer failed = onFailed;
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzippedArray(clicks))).build();
        CompletableFuture<?> sent = http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null || response.statusCode() != 200) {
                failed.accept(clicks.size());
            }
            inFlight.release();
            return null;
        });
        synchronized (pending) {
            pending.removeIf(CompletableFuture::isDone);
            pending.add(sent);
        }
    }

    private static byte[] gzippedArray(List<ClickGenerator.Click> clicks) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(clicks.size() * 300);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write('[');
            for (int i = 0; i < clicks.size(); i++) {
                if (i > 0) {
                    gzip.write(',');
                }
                gzip.write(clicks.get(i).message());
            }
            gzip.write(']');
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void flush() {
        if (!batch.isEmpty()) {
            post();
        }
        List<CompletableFuture<?>> waiting;
        synchronized (pending) {
            waiting = new ArrayList<>(pending);
        }
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).join();
    }

}
