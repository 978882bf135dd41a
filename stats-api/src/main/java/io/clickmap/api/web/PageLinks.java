package io.clickmap.api.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import jakarta.inject.Singleton;

/**
 * Absolute {@code next}/{@code previous} URLs for offset paging: the request's own URL with its query string
 * kept exactly and only {@code offset} set. Null when there is no such page.
 */
@Singleton
public class PageLinks {
    private final HttpHostResolver hosts;

    public PageLinks(HttpHostResolver hosts) {
        this.hosts = hosts;
    }

    public String next(HttpRequest<?> request, QueryString query, long offset, int limit, boolean hasMore) {
        return hasMore ? url(request, query, offset + limit) : null;
    }

    public String previous(HttpRequest<?> request, QueryString query, long offset, int limit) {
        return offset <= 0 ? null : url(request, query, Math.max(0, offset - limit));
    }

    private String url(HttpRequest<?> request, QueryString query, long offset) {
        return hosts.resolve(request) + request.getUri().getRawPath() + "?" + query.withOffset(offset);
    }
}
