package io.clickmap.capture.http;

import io.clickmap.toolbar.ToolbarScript;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /static/toolbar.js} (and {@code /static/<version>/toolbar.js}), where posthog-js looks for the toolbar: on
 * its {@code api_host}, which is capture ({@code ?v=<sdk version>&t=<5-minute step>}, ignored here). posthog-js adds the
 * script with {@code crossorigin="anonymous"}; capture's CORS for pages (any origin, echoed) lets it run. The script is
 * the jar's {@code static/toolbar.js}, which
 * the build copies from {@code toolbar/dist} (the stats API serves the same file). Cached and revalidated as
 * {@link ToolbarScript} says. A jar built without it answers 404.
 */
@Controller
public class ToolbarScriptController {
    private static final MediaType JAVASCRIPT = MediaType.of("application/javascript");

    private final ToolbarScript script = ToolbarScript.packaged().orElse(null);

    // posthog-js asks for /static/<its version>/toolbar.js first and falls back to /static/toolbar.js on a 404: one file answers both.
    @Get(uris = {"/static/toolbar.js", "/static/{version}/toolbar.js"})
    HttpResponse<?> script(HttpRequest<?> request) {
        if (script == null) {
            return HttpResponse.notFound();
        }
        MutableHttpResponse<?> response = script.isHeldBy(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH, String.class))
                ? HttpResponse.notModified() : HttpResponse.ok(script.bytes()).contentType(JAVASCRIPT);
        return response.header(HttpHeaders.ETAG, script.etag()).header(HttpHeaders.CACHE_CONTROL, ToolbarScript.CACHE_CONTROL);
    }
}
