package io.clickmap.api.toolbar;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.toolbar.ToolbarScript;
import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /static/toolbar.js} as posthog-js asks for it ({@code ?v=…&t=…}, no key): the jar's {@code static/toolbar.js}
 * (the build copies {@code toolbar/dist/toolbar.js} there) as JavaScript to any origin, cached briefly and revalidated
 * by ETag; also at {@code /static/<sdk version>/toolbar.js}, which posthog-js tries first.
 */
@MicronautTest
class ToolbarScriptTest extends ServiceTest {
    private static final String PATH = "/static/toolbar.js?v=1.449.2&t=1767225600000";

    private static String packaged() throws IOException {
        try (InputStream in = ToolbarScriptTest.class.getClassLoader().getResourceAsStream("static/toolbar.js")) {
            assertThat(in).as("static/toolbar.js on the classpath (from toolbar/dist)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theToolbarIsServedAsJavaScriptWithoutAKey() throws IOException {
        Api.Reply reply = api().withKey(null).get(PATH);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValue("application/javascript");
        assertThat(reply.body()).isEqualTo(packaged()).contains("ph_load_toolbar");
        assertThat(reply.header("Cache-Control")).hasValue(ToolbarScript.CACHE_CONTROL);
        assertThat(reply.header("ETag")).get().asString().matches("\"[0-9a-f]{32}\"");
    }

    @Test
    void theVersionedPathPosthogJsTriesFirstServesTheSameScript() throws IOException {
        Api.Reply versioned = api().withKey(null).get("/static/1.449.2/toolbar.js");

        assertThat(versioned.status()).isEqualTo(200);
        assertThat(versioned.header("Content-Type")).hasValue("application/javascript");
        assertThat(versioned.body()).isEqualTo(packaged());
        assertThat(api().withKey(null).get("/static/1.449.2/other.js").status()).isEqualTo(404);
    }

    @Test
    void aPageOfAnyOriginMayRunTheScriptLoadedWithCrossoriginAnonymous() {
        Api.Reply reply = api().withKey(null).get(PATH, Map.of("Origin", "https://shop.example.com", "X-Forwarded-Host", "stats.example.com"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().allValues("Access-Control-Allow-Origin")).containsExactly("*");
        assertThat(reply.header("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void aClientHoldingTheCurrentScriptIsToldItIsUnchanged() {
        String etag = api().withKey(null).get(PATH).header("ETag").orElseThrow();

        Api.Reply unchanged = api().withKey(null).get(PATH, Map.of("If-None-Match", etag));
        Api.Reply changed = api().withKey(null).get(PATH, Map.of("If-None-Match", "\"00000000000000000000000000000000\""));

        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.header("ETag")).hasValue(etag);
        assertThat(changed.status()).isEqualTo(200);
    }
}
