package io.clickmap.api.toolbar;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;

/**
 * CORS for the two reads the toolbar makes from the user's own site: any origin, {@code GET} (and the preflight
 * {@code OPTIONS}, answered here before routing), no credentials: the toolbar sends its token in the query, never a
 * cookie, so {@code *} is safe and no {@code Vary: Origin} is needed. Every answer carries the header, a 401 included,
 * so the toolbar can read why it was refused (the preflight answers here, the response filter skipped). Every other
 * route stays same-origin only. A service reached as localhost still refuses other sites' pages before this runs
 * (Micronaut's guard against drive-by requests to local servers).
 */
@ServerFilter(patterns = "^/api/(environments|projects)/[^/]+/elements/(stats|values)/?$", patternStyle = FilterPatternStyle.REGEX)
class ToolbarCors {
    static final String METHODS = "GET, OPTIONS";
    static final String MAX_AGE = "600";
    private static final String ANY = "*";

    @RequestFilter
    @Nullable
    HttpResponse<?> preflight(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.OPTIONS) {
            return null;
        }
        MutableHttpResponse<?> response = HttpResponse.noContent()
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ANY)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
                .header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE);
        // Whatever header the page's fetch asks for is allowed: these routes read no cookie, so it opens nothing the page lacks.
        request.getHeaders().findFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS)
                .ifPresent(asked -> response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, asked));
        return response;
    }

    @ResponseFilter
    void allowAnyOrigin(MutableHttpResponse<?> response) {
        response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ANY);
    }
}
