package io.clickmap.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A shop page with PostHog's browser SDK on it, the way a site embeds it, sending its clicks to the local
 * capture: something to click to see Clickmap count it. The SDK is posthog-js from the npm registry
 * ({@code launcher/page}, installed by {@code bin/run}, never kept in the repository). Loopback only.
 */
final class DemoPage implements AutoCloseable {
    /** The build that defines window.posthog with every extension bundled (dead clicks too), so nothing more is fetched. */
    static final Path SDK = Path.of("launcher", "page", "node_modules", "posthog-js", "dist", "array.full.js");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private DemoPage(HttpServer server) {
        this.server = server;
    }

    static DemoPage serve(Path repository, int port, String token, String captureUrl) {
        Path sdk = repository.resolve(SDK);
        if (!Files.isReadable(sdk)) {
            throw new IllegalStateException(sdk + " is missing; bin/run installs it (npm ci --prefix launcher/page)");
        }
        try {
            byte[] page = html(token, captureUrl).getBytes(StandardCharsets.UTF_8);
            byte[] script = Files.readAllBytes(sdk);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/", exchange -> {
                switch (exchange.getRequestURI().getPath()) {
                    case "/" -> answer(exchange, 200, "text/html; charset=utf-8", page);
                    case "/posthog.js" -> answer(exchange, 200, "text/javascript; charset=utf-8", script);
                    default -> answer(exchange, 404, "text/plain; charset=utf-8", "Not found.".getBytes(StandardCharsets.UTF_8));
                }
            });
            server.start();
            return new DemoPage(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the demo page on port " + port, e);
        }
    }

    private static String html(String token, String captureUrl) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("api_host", captureUrl);
        config.put("autocapture", true);
        config.put("capture_dead_clicks", true);
        // posthog-js drops every event of a browser that says it is automated; the demo is for those too (tests, scripts)
        config.put("opt_out_useragent_filter", true);
        config.put("persistence", "memory");
        config.put("disable_session_recording", true);
        try (InputStream template = DemoPage.class.getResourceAsStream("/demo-page.html")) {
            return new String(template.readAllBytes(), StandardCharsets.UTF_8).replace("{{token}}", json(token)).replace("{{config}}", json(config));
        }
    }

    private static String json(Object value) {
        try {
            // a "</script>" inside a value must not end the script element
            return JSON.writeValueAsString(value).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
