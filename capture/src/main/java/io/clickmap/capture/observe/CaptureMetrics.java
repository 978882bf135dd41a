package io.clickmap.capture.observe;

import static io.clickmap.observe.PrometheusText.counter;

import io.clickmap.observe.Histogram;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What capture has done, for {@code /metrics} in Prometheus' text format: every refused request is counted by its reason. */
@Singleton
public final class CaptureMetrics {
    private final LongAdder accepted = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder bodyBytes = new LongAdder();
    private final Map<String, LongAdder> rejectedRequests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejectedEvents = new ConcurrentHashMap<>();
    private final Histogram commitSeconds = new Histogram("clickmap_capture_kafka_commit_seconds",
            "Time from starting a Kafka transaction to its commit", 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);

    public void received(int bytes) {
        requests.increment();
        bodyBytes.add(bytes);
    }

    public void committed(int events, long nanos) {
        accepted.add(events);
        commitSeconds.observe(nanos / 1e9);
    }

    /** A refused request, and the events it carried when they were counted before the refusal (0 when unreadable). */
    public void rejected(String reason, int events) {
        rejectedRequests.computeIfAbsent(reason, key -> new LongAdder()).increment();
        if (events > 0) {
            rejectedEvents.computeIfAbsent(reason, key -> new LongAdder()).add(events);
        }
    }

    public String prometheusText() {
        StringBuilder out = new StringBuilder(2048);
        counter(out, "clickmap_capture_requests_total", "Capture requests received", requests.sum());
        counter(out, "clickmap_capture_body_bytes_total", "Request body bytes received, as sent", bodyBytes.sum());
        counter(out, "clickmap_capture_events_accepted_total", "Events committed to Kafka and answered 200", accepted.sum());
        counter(out, "clickmap_capture_requests_rejected_total", "Requests answered 4xx or 503, by reason", "reason", rejectedRequests);
        counter(out, "clickmap_capture_events_rejected_total", "Events of refused requests, by reason", "reason", rejectedEvents);
        commitSeconds.writeTo(out);
        return out.toString();
    }
}
