package io.clickmap.api.errors;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Gives the errors Micronaut answers by itself (no route: 404, wrong method: 405, oversized or malformed
 * requests, unexpected failures) the same PostHog-shaped JSON body as ours, whatever the client accepts. A 400
 * is PostHog's {@code validation_error}, whose detail is ours, not the framework's.
 */
@Singleton
@Primary
public class DrfErrorResponses implements ErrorResponseProcessor<ApiError> {

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<ApiError>) response;
        }
        HttpStatus status = response.status();
        ApiError error = switch (status) {
            case NOT_FOUND -> ApiException.notFound().error();
            case METHOD_NOT_ALLOWED -> ApiException.methodNotAllowed(context.getRequest().getMethodName()).error();
            case UNAUTHORIZED -> ApiException.notAuthenticated("Authentication credentials were not provided.").error();
            case FORBIDDEN -> ApiException.permissionDenied("You do not have permission to perform this action.").error();
            // Micronaut's own text names framework internals; a client needs only to know its request was unreadable.
            case BAD_REQUEST -> ApiException.invalid(null, "The request could not be read: check its URL encoding, headers and body.").error();
            default -> status.getCode() >= 500
                    ? ApiException.internal().error()
                    : new ApiError("invalid_request", codeOf(status), detailOf(context, status), null);
        };
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(error);
    }

    private static String codeOf(HttpStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String detailOf(ErrorContext context, HttpStatus status) {
        return context.getErrors().stream().findFirst().map(e -> e.getMessage()).orElse(status.getReason());
    }
}
