package io.clickmap.api.errors;

import io.micronaut.http.HttpStatus;

/**
 * A request the API answers with an error: its status and PostHog-shaped body. Expected, so it carries no
 * stack trace; {@link ApiExceptionHandler} turns every one into the response.
 */
public final class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final ApiError error;

    private ApiException(HttpStatus status, ApiError error) {
        super(error.detail(), null, false, false);
        this.status = status;
        this.error = error;
    }

    /** A parameter broke its rule; {@code attr} names it. */
    public static ApiException invalid(String attr, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, new ApiError("validation_error", "invalid_input", detail, attr));
    }

    /**
     * A saved query Clickmap stores but does not compute, or a part of one outside what it computes, as PostHog
     * answers a query it cannot run; the detail names the field.
     */
    public static ApiException unsupportedQuery(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, new ApiError("validation_error", "unsupported_query", detail, "query"));
    }

    /** A computation the client cancelled ({@code insights/cancel}) while this request waited for it. */
    public static ApiException cancelled(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, new ApiError("validation_error", "query_cancelled", detail, null));
    }

    /** DRF's throttle answer: too many at once; try again after {@code seconds}. */
    public static ApiException throttled(long seconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, new ApiError("throttled_error", "throttled",
                "Request was throttled. Expected available in " + seconds + (seconds == 1 ? " second." : " seconds."), null));
    }

    /** A request body that is not JSON at all (DRF's {@code parse_error}). */
    public static ApiException parseError(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, new ApiError("validation_error", "parse_error", detail, null));
    }

    public static ApiException notAuthenticated(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, new ApiError("authentication_error", "not_authenticated", detail, null));
    }

    /** Credentials that were given and are wrong, answered 403 as DRF does when no WWW-Authenticate applies (sharing tokens). */
    public static ApiException authenticationFailed(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, new ApiError("authentication_error", "authentication_failed", detail, null));
    }

    /**
     * A temporary token that was given and cannot be used (unknown, expired, revoked, another environment's): 401, as
     * the remedy is a new token, not another permission; the detail says which and what to do.
     */
    public static ApiException tokenRefused(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, new ApiError("authentication_error", "authentication_failed", detail, null));
    }

    public static ApiException permissionDenied(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, new ApiError("authentication_error", "permission_denied", detail, null));
    }

    public static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, new ApiError("invalid_request", "not_found", "Not found.", null));
    }

    public static ApiException methodNotAllowed(String method) {
        return new ApiException(HttpStatus.METHOD_NOT_ALLOWED,
                new ApiError("invalid_request", "method_not_allowed", "Method \"" + method + "\" not allowed.", null));
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, new ApiError("server_error", "service_unavailable", detail, null));
    }

    public static ApiException internal() {
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR,
                new ApiError("server_error", "error", "A server error occurred; it has been logged.", null));
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError error() {
        return error;
    }
}
