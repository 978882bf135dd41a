package io.clickmap.capture.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code GET /static/toolbar.js} (and {@code /static/<version>/toolbar.js}), where posthog-js looks for the toolbar: on
 * its {@code api_host}, which is capture ({@code ?v=<sdk version>&t=<5-minute step>}, ignored here). posthog-js adds the
 * script with {@code crossorigin="anonymous"}; capture's CORS for pages (any origin, echoed) lets it run. The script is the jar's {@code static/toolbar.js}, which
 * the build copies from {@code toolbar/dist} (the stats API serves the same file). Cached briefly and revalidated by
 * its ETag, so a new build reaches pages within minutes. A jar built without it answers 404.
 */
@Controller
public class ToolbarScriptController {
    static final String RESOURCE = "static/toolbar.js";
    static final String CACHE_CONTROL = "public, max-age=300";
    private static final MediaType JAVASCRIPT = MediaType.of("application/javascript");

    private final byte[] script;
    private final String etag;

    ToolbarScriptController() {
        script = read();
        etag = script == null ? null : etag(script);
    }

    // posthog-js asks for /static/<its version>/toolbar.js first and falls back to /static/toolbar.js on a 404: one file answers both.
    @Get(uris = {"/static/toolbar.js", "/static/{version}/toolbar.js"})
    HttpResponse<?> script(HttpRequest<?> request) {
        if (script == null) {
            return HttpResponse.notFound();
        }
        if (request.getHeaders().get(HttpHeaders.IF_NONE_MATCH, String.class).filter(etag::equals).isPresent()) {
            return HttpResponse.notModified().header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        }
        return HttpResponse.ok(script).contentType(JAVASCRIPT).header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }

    /** A strong validator: the first 128 bits of the script's SHA-256, quoted. */
    private static String etag(byte[] script) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(script), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static byte[] read() {
        try (InputStream in = ToolbarScriptController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + " from the jar", e);
        }
    }
}
