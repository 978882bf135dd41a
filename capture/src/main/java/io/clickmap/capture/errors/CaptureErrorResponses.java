package io.clickmap.capture.errors;

import io.clickmap.capture.config.CaptureLimits;
import io.clickmap.capture.observe.CaptureMetrics;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * The errors Micronaut answers by itself — no route, wrong method, a body over the size Netty keeps — in
 * capture's JSON shape, the oversized body counted like every other refusal.
 */
@Singleton
@Primary
public class CaptureErrorResponses implements ErrorResponseProcessor<CaptureError> {
    private final CaptureMetrics metrics;

    CaptureErrorResponses(CaptureMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public MutableHttpResponse<CaptureError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<CaptureError>) response;
        }
        HttpStatus status = response.status();
        CaptureError error = switch (status) {
            case REQUEST_ENTITY_TOO_LARGE -> {
                metrics.rejected("body_too_large", 0);
                yield Rejection.tooLarge("body_too_large", "The body exceeds " + CaptureLimits.MAX_BODY_BYTES
                        + " bytes as sent.").error();
            }
            case NOT_FOUND -> new CaptureError("invalid_request", "not_found", "Not found.", null);
            case METHOD_NOT_ALLOWED -> new CaptureError("invalid_request", "method_not_allowed",
                    "Method \"" + context.getRequest().getMethodName() + "\" not allowed.", null);
            case BAD_REQUEST -> Rejection.undecodable("The request could not be read: check its URL encoding, headers and body.").error();
            default -> status.getCode() >= 500 ? new CaptureError("server_error", "error", "A server error occurred.", null)
                    : new CaptureError("invalid_request", status.name().toLowerCase(Locale.ROOT), status.getReason(), null);
        };
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(error);
    }
}
