package io.clickmap.capture.errors;

import io.clickmap.capture.observe.CaptureMetrics;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A refusal thrown while a request is handled becomes its status and JSON body, counted by its reason. */
@Singleton
public class RejectionHandler implements ExceptionHandler<Rejection, HttpResponse<CaptureError>> {
    private final CaptureMetrics metrics;

    RejectionHandler(CaptureMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public HttpResponse<CaptureError> handle(HttpRequest request, Rejection rejection) {
        return respond(metrics, rejection, 0);
    }

    /** The response for a refused request that carried {@code events} readable events (0 when none could be read). */
    public static HttpResponse<CaptureError> respond(CaptureMetrics metrics, Rejection rejection, int events) {
        metrics.rejected(rejection.reason(), events);
        return HttpResponse.<CaptureError>status(rejection.status()).body(rejection.error());
    }
}
