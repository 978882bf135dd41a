package io.clickmap.api.toolbar;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The toolbar calls the stats and values reads from the user's own site, so those two answer any origin (a refusal
 * too, so that the toolbar can read it) and their preflight, without credentials; every other route stays
 * same-origin only. Requests carry an {@code Origin} header as a browser would send it, and reach the service as a
 * deployed one is reached, through a proxy that names its public host; a service reached as localhost keeps
 * Micronaut's guard against drive-by requests from other sites and answers only local pages.
 */
@MicronautTest
class ToolbarCorsTest extends ServiceTest {
    private static final String ORIGIN = "https://shop.example.com";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> PROXIED = Map.of("X-Forwarded-Host", "stats.example.com", "X-Forwarded-Proto", "https");
    private static final List<String> TOOLBAR_READS = List.of("/api/environments/1/elements/stats/", "/api/projects/1/elements/stats",
            "/api/environments/1/elements/values/?key=tag_name", "/api/projects/1/elements/values?key=text");

    /** A request through the proxy, with these headers too. */
    private HttpResponse<String> send(String method, String path, Map<String, String> headers) {
        return sendDirectly(method, path, headers, PROXIED);
    }

    @SafeVarargs
    private HttpResponse<String> sendDirectly(String method, String path, Map<String, String>... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).method(method, HttpRequest.BodyPublishers.noBody());
        for (Map<String, String> some : headers) {
            some.forEach(request::header);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theToolbarReadsAnswerAnyOriginWithoutCredentials() {
        for (String path : TOOLBAR_READS) {
            HttpResponse<String> reply = send("GET", path, Map.of("Origin", ORIGIN, "Authorization", "Bearer " + ADMIN_KEY));

            assertThat(reply.statusCode()).as(path).isEqualTo(200);
            assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue("*");
            assertThat(reply.headers().firstValue("Access-Control-Allow-Credentials")).as(path).isEmpty();
        }
    }

    @Test
    void aRefusedToolbarReadCarriesTheHeaderSoTheToolbarCanReadWhy() {
        HttpResponse<String> refused = send("GET", "/api/environments/1/elements/stats/?temporary_token=" + ToolbarSecrets.newToken(),
                Map.of("Origin", "http://localhost:3000"));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(Api.json(refused.body()).get("detail").asText()).isEqualTo("Invalid toolbar token; launch the toolbar again.");
    }

    @Test
    void thePreflightOfAToolbarReadAllowsGetAndWhatTheFetchAsksFor() {
        for (String path : TOOLBAR_READS) {
            HttpResponse<String> preflight = send("OPTIONS", path, Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "GET",
                    "Access-Control-Request-Headers", "content-type"));

            assertThat(preflight.statusCode()).as(path).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue("*");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).as(path).hasValue("GET, OPTIONS");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).as(path).hasValue("content-type");
            assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).as(path).hasValue("600");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).as(path).isEmpty();
        }
    }

    @Test
    void everyOtherRouteGivesOtherOriginsNothing() {
        for (String path : List.of("/api/environments/1/elements/", "/api/environments/1/insights/", "/api/environments/1/elements/stats/extra",
                "/api/environments/1/toolbar/launch")) {
            HttpResponse<String> reply = send("GET", path, Map.of("Origin", ORIGIN, "Authorization", "Bearer " + ADMIN_KEY));
            assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).as("GET %s", path).isEmpty();
            HttpResponse<String> preflight = send("OPTIONS", path, Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "GET"));
            assertThat(preflight.statusCode()).as("OPTIONS %s", path).isNotEqualTo(204).isNotEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as("OPTIONS %s", path).isEmpty();
        }
    }

    @Test
    void aServiceReachedAsLocalhostAnswersLocalPagesOnly() {
        String path = "/api/environments/1/elements/stats/";
        HttpResponse<String> local = sendDirectly("GET", path, Map.of("Origin", "http://localhost:3000", "Authorization", "Bearer " + ADMIN_KEY));
        HttpResponse<String> foreign = sendDirectly("GET", path, Map.of("Origin", ORIGIN, "Authorization", "Bearer " + ADMIN_KEY));

        assertThat(local.statusCode()).isEqualTo(200);
        assertThat(local.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(foreign.statusCode()).isEqualTo(403);
    }
}
