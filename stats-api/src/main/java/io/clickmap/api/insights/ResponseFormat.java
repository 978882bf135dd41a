package io.clickmap.api.insights;

import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.QueryString;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.nio.charset.StandardCharsets;

/** {@code ?format=json} (the default) or {@code ?format=csv}; DRF answers any other format 404, and so does Clickmap. */
enum ResponseFormat {
    JSON, CSV;

    static ResponseFormat of(HttpRequest<?> request) {
        return of(QueryString.parse(request.getUri().getRawQuery()));
    }

    static ResponseFormat of(QueryString query) {
        String format = query.last("format");
        if (format == null || format.equals("json")) {
            return JSON;
        }
        if (format.equals("csv")) {
            return CSV;
        }
        throw ApiException.notFound();
    }

    // Insights answers are never cached: each write must be seen by the next read, through any proxy.
    static MutableHttpResponse<byte[]> csv(String text, ServerTiming timing) {
        return HttpResponse.ok(text.getBytes(StandardCharsets.UTF_8)).contentType(new MediaType("text/csv; charset=utf-8"))
                .header("Cache-Control", "no-store").header("Server-Timing", timing.header());
    }

    static MutableHttpResponse<?> json(HttpStatus status, Object body, ServerTiming timing) {
        return HttpResponse.status(status).body(body).header("Cache-Control", "no-store").header("Server-Timing", timing.header());
    }
}
