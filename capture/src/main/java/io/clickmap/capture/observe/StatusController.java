package io.clickmap.capture.observe;

import io.clickmap.capture.kafka.EventLog;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.util.Map;

/** {@code /_health} (PostHog's name) and {@code /health}: 503 while Kafka refuses transactions; {@code /metrics} for Prometheus. */
@Controller
public class StatusController {
    private final EventLog eventLog;
    private final CaptureMetrics metrics;

    StatusController(EventLog eventLog, CaptureMetrics metrics) {
        this.eventLog = eventLog;
        this.metrics = metrics;
    }

    @Get(uris = {"/_health", "/health"})
    HttpResponse<Map<String, String>> health() {
        boolean kafka = eventLog.healthy();
        return HttpResponse.status(kafka ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("status", kafka ? "UP" : "DOWN", "kafka", kafka ? "UP" : "DOWN"));
    }

    @Get("/metrics")
    @Produces("text/plain; version=0.0.4")
    String metrics() {
        return metrics.prometheusText();
    }
}
