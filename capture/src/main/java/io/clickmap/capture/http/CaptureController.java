package io.clickmap.capture.http;

import io.clickmap.capture.batch.Arrival;
import io.clickmap.capture.batch.CapturedEvent;
import io.clickmap.capture.batch.EventBatch;
import io.clickmap.capture.body.RequestBody;
import io.clickmap.capture.config.CaptureConfig;
import io.clickmap.capture.errors.Rejection;
import io.clickmap.capture.errors.RejectionHandler;
import io.clickmap.capture.kafka.EventLog;
import io.clickmap.capture.observe.CaptureMetrics;
import io.clickmap.capture.tokens.ProjectTokens;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * PostHog's capture endpoints: {@code /e/} (posthog-js), {@code /i/v0/e/}, {@code /capture/} and
 * {@code /batch/} (server SDKs), each with or without the trailing slash. A request is decoded, checked
 * and turned into envelopes completely before anything is sent, then answered {@code {"status": 1}} once
 * Kafka committed all of its events. Runs on the blocking executor: the token lookup may ask ClickHouse.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class CaptureController {
    static final Map<String, Integer> ACCEPTED = Map.of("status", 1);

    private final CaptureConfig config;
    private final ProjectTokens tokens;
    private final EventLog eventLog;
    private final CaptureMetrics metrics;
    private final Clock clock;

    CaptureController(CaptureConfig config, ProjectTokens tokens, EventLog eventLog, CaptureMetrics metrics, Clock clock) {
        this.config = config;
        this.tokens = tokens;
        this.eventLog = eventLog;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Post(uris = {"/e", "/i/v0/e", "/capture", "/batch", "/track"})
    @Consumes(MediaType.ALL)
    CompletableFuture<HttpResponse<?>> capture(HttpRequest<?> request, @Nullable @Body byte[] body,
                                               @Nullable @QueryValue String compression, @Nullable @QueryValue("_") String clientTime) {
        metrics.received(body == null ? 0 : body.length);
        List<CapturedEvent> events;
        try {
            byte[] json = RequestBody.decode(body, request.getContentType().map(MediaType::toString).orElse(null), compression);
            Arrival arrival = new Arrival(ClientAddress.of(request, config.trustForwardedFor()), ClientAddress.siteUrl(request),
                    clock.instant(), clientTime(clientTime));
            events = EventBatch.read(json, arrival, tokens::known);
        } catch (Rejection rejection) {
            return CompletableFuture.completedFuture(refuse(rejection, 0));
        }
        int count = events.size();
        return eventLog.append(events).handle((ok, failure) -> {
            if (failure == null) {
                return HttpResponse.ok(ACCEPTED);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof Rejection rejection) {
                return refuse(rejection, count);
            }
            throw new CompletionException(cause);
        });
    }

    private HttpResponse<?> refuse(Rejection rejection, int events) {
        return RejectionHandler.respond(metrics, rejection, events);
    }

    /** posthog-js's {@code _}: the client's clock in milliseconds when it sent the request; anything else is ignored. */
    private static Instant clientTime(String millis) {
        if (millis == null || !millis.matches("\\d{10,15}")) {
            return null;
        }
        return Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
