package io.clickmap.capture.errors;

import io.micronaut.http.HttpStatus;

/**
 * Why a request is refused, as the status and error body it answers with. Thrown anywhere while a
 * request is read; nothing of a refused request reaches Kafka. The {@code reason} names the metric.
 */
public final class Rejection extends RuntimeException {
    private final HttpStatus status;
    private final String reason;
    private final CaptureError error;

    private Rejection(HttpStatus status, String reason, String type, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.reason = reason;
        this.error = new CaptureError(type, code, detail, null);
    }

    public static Rejection noToken() {
        return new Rejection(HttpStatus.UNAUTHORIZED, "no_token", "authentication_error", "missing_api_key",
                "API key not provided. Send the project token as properties.token or api_key.");
    }

    public static Rejection unknownToken() {
        return new Rejection(HttpStatus.UNAUTHORIZED, "unknown_token", "authentication_error", "invalid_api_key",
                "Project API key invalid. No environment has this project token.");
    }

    public static Rejection undecodable(String detail) {
        return new Rejection(HttpStatus.BAD_REQUEST, "undecodable", "validation_error", "invalid_payload", detail);
    }

    public static Rejection invalidEvent(String detail) {
        return new Rejection(HttpStatus.BAD_REQUEST, "invalid_event", "validation_error", "invalid_payload", detail);
    }

    public static Rejection decodedTooLarge(int maxBytes) {
        return tooLarge("decoded_too_large", "The decoded body exceeds " + maxBytes + " bytes.");
    }

    public static Rejection tooLarge(String reason, String detail) {
        return new Rejection(HttpStatus.REQUEST_ENTITY_TOO_LARGE, reason, "validation_error", "payload_too_large", detail);
    }

    public static Rejection unavailable(String reason, String detail) {
        return new Rejection(HttpStatus.SERVICE_UNAVAILABLE, reason, "server_error", "service_unavailable", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public CaptureError error() {
        return error;
    }
}
