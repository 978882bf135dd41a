package io.clickmap.capture.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.toolbar.ToolbarScript;
import io.clickmap.capture.CaptureServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * posthog-js loads the toolbar from its {@code api_host}, capture: {@code /static/toolbar.js?v=…&t=…} is the jar's
 * {@code static/toolbar.js} (built from {@code toolbar/dist/toolbar.js}) as JavaScript that a page of another origin may
 * run, cached briefly and revalidated by ETag; also at {@code /static/<sdk version>/toolbar.js}, which posthog-js tries first.
 */
@MicronautTest
class ToolbarScriptTest extends CaptureServiceTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PATH = "/static/toolbar.js?v=1.449.2&t=1767225600000";

    private HttpResponse<String> get(String ifNoneMatch) throws IOException, InterruptedException {
        return get(PATH, ifNoneMatch);
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).header("Origin", "https://shop.example.com").GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String packaged() throws IOException {
        try (InputStream in = ToolbarScriptTest.class.getClassLoader().getResourceAsStream("static/toolbar.js")) {
            assertThat(in).as("static/toolbar.js on the classpath (from toolbar/dist)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theToolbarIsServedAsJavaScriptToAnyPage() throws Exception {
        HttpResponse<String> reply = get(null);

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/javascript");
        assertThat(reply.body()).isEqualTo(packaged()).contains("ph_load_toolbar");
        assertThat(reply.headers().firstValue("Cache-Control")).hasValue(ToolbarScript.CACHE_CONTROL);
        assertThat(reply.headers().firstValue("ETag")).get().asString().matches("\"[0-9a-f]{32}\"");
        // posthog-js adds the script with crossorigin="anonymous": the page's origin must be allowed, once
        assertThat(reply.headers().allValues("Access-Control-Allow-Origin")).containsExactly("https://shop.example.com");
    }

    @Test
    void theVersionedPathPosthogJsTriesFirstServesTheSameScript() throws Exception {
        HttpResponse<String> versioned = get("/static/1.449.2/toolbar.js", null);

        assertThat(versioned.statusCode()).isEqualTo(200);
        assertThat(versioned.headers().firstValue("Content-Type")).hasValue("application/javascript");
        assertThat(versioned.body()).isEqualTo(packaged());
    }

    @Test
    void aPageHoldingTheCurrentScriptIsToldItIsUnchanged() throws Exception {
        String etag = get(null).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> unchanged = get(etag);

        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(get("\"00000000000000000000000000000000\"").statusCode()).isEqualTo(200);
    }
}
