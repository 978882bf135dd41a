package io.clickmap.api.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import jakarta.inject.Singleton;

/**
 * Absolute {@code next}/{@code previous} URLs: the request's own URL with its query string kept exactly and only
 * {@code offset} set (offset paging) or only {@code page} (numbered pages, as activity logs have). Null when there
 * is no such page.
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

    /** The URL of page {@code page} (1-based) of a numbered list. */
    public String page(HttpRequest<?> request, QueryString query, long page) {
        return url(request, query.with("page", page));
    }

    private String url(HttpRequest<?> request, QueryString query, long offset) {
        return url(request, query.withOffset(offset));
    }

    private String url(HttpRequest<?> request, String rawQuery) {
        return hosts.resolve(request) + request.getUri().getRawPath() + "?" + rawQuery;
    }
}
