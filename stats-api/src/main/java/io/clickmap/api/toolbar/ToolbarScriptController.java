package io.clickmap.api.toolbar;

import io.clickmap.api.errors.ApiException;
import io.clickmap.toolbar.ToolbarScript;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /static/toolbar.js} (and {@code /static/<version>/toolbar.js}): the toolbar posthog-js loads
 * ({@code ?v=<sdk version>&t=<5-minute step>}, ignored here), to any origin,
 * from the jar's {@code static/toolbar.js}, which the build copies from {@code toolbar/dist}. Cached and revalidated as
 * {@link ToolbarScript} says. A jar built without it answers 404.
 */
@Controller
public class ToolbarScriptController {
    // posthog-js adds the script with crossorigin="anonymous": without this header a page of another origin cannot run it.
    private static final String ANY_ORIGIN = "*";
    private static final MediaType JAVASCRIPT = MediaType.of("application/javascript");

    private final ToolbarScript script = ToolbarScript.packaged().orElse(null);

    // posthog-js asks for /static/<its version>/toolbar.js first and falls back to /static/toolbar.js on a 404: one file answers both.
    @Get(uris = {"/static/toolbar.js", "/static/{version}/toolbar.js"})
    HttpResponse<?> script(HttpRequest<?> request) {
        if (script == null) {
            throw ApiException.notFound();
        }
        MutableHttpResponse<?> response = script.isHeldBy(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH, String.class))
                ? HttpResponse.notModified() : HttpResponse.ok(script.bytes()).contentType(JAVASCRIPT);
        return response.header(HttpHeaders.ETAG, script.etag()).header(HttpHeaders.CACHE_CONTROL, ToolbarScript.CACHE_CONTROL)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ANY_ORIGIN);
    }
}
