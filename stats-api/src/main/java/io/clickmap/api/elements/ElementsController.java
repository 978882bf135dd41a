package io.clickmap.api.elements;

import io.clickmap.api.auth.Access;
import io.clickmap.api.auth.Authorized;
import io.clickmap.api.auth.Scopes;
import io.clickmap.api.clickhouse.RowIds;
import io.clickmap.api.errors.ApiException;
import io.clickmap.api.web.JsonResponses;
import io.clickmap.api.web.ListParameters;
import io.clickmap.api.web.PageLinks;
import io.clickmap.api.web.QueryString;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/**
 * Elements CRUD, PostHog-compatible: list, create, retrieve, update (PATCH), delete, within one environment.
 * Checks in order: the path (404), the key and its scope — {@code element:read} to read, {@code element:write}
 * to change (401/403) — the element (404, also for one of another environment), then the body (400).
 * Responses are never cached ({@code no-store}): a read right after a write must show it.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ElementsController {
    // Micronaut matches with or without the trailing slash.
    private static final String ENVIRONMENT_ELEMENTS = "/api/environments/{id}/elements";
    private static final String PROJECT_ELEMENTS = "/api/projects/{id}/elements";
    // Digits only, so that …/elements/stats and …/elements/values keep their own routes.
    private static final String ONE = "/{elementId:[0-9]+}";

    private final ElementStore store;
    private final RowIds ids;
    private final PageLinks links;

    public ElementsController(ElementStore store, RowIds ids, PageLinks links) {
        this.store = store;
        this.ids = ids;
        this.links = links;
    }

    @Get(uris = {ENVIRONMENT_ELEMENTS, PROJECT_ELEMENTS})
    public HttpResponse<?> list(HttpRequest<?> request, @Authorized(Scopes.ELEMENT_READ) Access access) {
        long environmentId = access.environmentId();
        QueryString query = QueryString.parse(request.getUri().getRawQuery());
        ListParameters page = ListParameters.parse(query);
        ServerTiming timing = new ServerTiming();
        long count = store.count(environmentId, timing);
        List<StoredElement> results = page.offset() < count ? store.page(environmentId, page.limit(), page.offset(), timing) : List.of();
        String next = links.next(request, query, page.offset(), page.limit(), page.offset() + page.limit() < count);
        String previous = links.previous(request, query, page.offset(), page.limit());
        return json(HttpStatus.OK, ElementsJson.page(count, next, previous, results), timing);
    }

    @Post(uris = {ENVIRONMENT_ELEMENTS, PROJECT_ELEMENTS})
    public HttpResponse<?> create(@Authorized(Scopes.ELEMENT_WRITE) Access access, @Nullable @Body byte[] body) {
        long environmentId = access.environmentId();
        ElementChange change = ElementBody.parse(body);
        ServerTiming timing = new ServerTiming();
        StoredElement created = new StoredElement(ids.next(), change.applyTo(ElementValues.EMPTY));
        store.save(environmentId, created, timing);
        return json(HttpStatus.CREATED, ElementsJson.element(created), timing);
    }

    @Get(uris = {ENVIRONMENT_ELEMENTS + ONE, PROJECT_ELEMENTS + ONE})
    public HttpResponse<?> retrieve(@Authorized(Scopes.ELEMENT_READ) Access access, @PathVariable String elementId) {
        long environmentId = access.environmentId();
        long element = ElementId.parse(elementId);
        ServerTiming timing = new ServerTiming();
        return json(HttpStatus.OK, ElementsJson.element(existing(environmentId, element, timing)), timing);
    }

    @Patch(uris = {ENVIRONMENT_ELEMENTS + ONE, PROJECT_ELEMENTS + ONE})
    public HttpResponse<?> update(@Authorized(Scopes.ELEMENT_WRITE) Access access, @PathVariable String elementId, @Nullable @Body byte[] body) {
        long environmentId = access.environmentId();
        long element = ElementId.parse(elementId);
        ServerTiming timing = new ServerTiming();
        StoredElement current = existing(environmentId, element, timing);
        ElementChange change = ElementBody.parse(body);
        StoredElement updated = new StoredElement(element, change.applyTo(current.values()));
        store.save(environmentId, updated, timing);
        return json(HttpStatus.OK, ElementsJson.element(updated), timing);
    }

    @Delete(uris = {ENVIRONMENT_ELEMENTS + ONE, PROJECT_ELEMENTS + ONE})
    public HttpResponse<?> delete(@Authorized(Scopes.ELEMENT_WRITE) Access access, @PathVariable String elementId) {
        long environmentId = access.environmentId();
        long element = ElementId.parse(elementId);
        ServerTiming timing = new ServerTiming();
        existing(environmentId, element, timing);
        store.delete(environmentId, element, timing);
        return HttpResponse.noContent().header("Server-Timing", timing.header());
    }

    private StoredElement existing(long environmentId, long elementId, ServerTiming timing) {
        return store.find(environmentId, elementId, timing).orElseThrow(ApiException::notFound);
    }

    private static MutableHttpResponse<byte[]> json(HttpStatus status, byte[] body, ServerTiming timing) {
        return JsonResponses.ok(body, timing).status(status).header("Cache-Control", "no-store");
    }
}
