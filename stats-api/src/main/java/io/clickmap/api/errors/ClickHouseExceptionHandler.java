package io.clickmap.api.errors;

import com.clickhouse.client.api.ClickHouseException;
import io.clickmap.api.clickhouse.ClickHouseFailure;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ClickHouse failure that reached the edge: unreachable, overloaded or out of time ({@link ClickHouseFailure})
 * → 503 with one warning line and no stack trace, since an outage is an expected condition; a statement the
 * server refused → 500, logged in full, since client input reaches SQL only validated and rendered as literals.
 */
@Produces
@Singleton
@Requires(classes = {ClickHouseException.class, ExceptionHandler.class})
public class ClickHouseExceptionHandler implements ExceptionHandler<ClickHouseException, HttpResponse<ApiError>> {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseExceptionHandler.class);
    private final ApiExceptionHandler responses;

    public ClickHouseExceptionHandler(ApiExceptionHandler responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, ClickHouseException exception) {
        if (ClickHouseFailure.isUnavailable(exception)) {
            LOG.warn("{} {}: ClickHouse unavailable: {}", request.getMethod(), request.getPath(), exception.getMessage());
            return responses.handle(request, ApiException.unavailable(
                    "The analytics database (ClickHouse) is unreachable or overloaded; please retry shortly."));
        }
        LOG.error("{} {}: ClickHouse refused a statement", request.getMethod(), request.getPath(), exception);
        return responses.handle(request, ApiException.internal());
    }
}
