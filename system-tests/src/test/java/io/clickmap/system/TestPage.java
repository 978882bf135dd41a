package io.clickmap.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
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
 * A shop's product page with PostHog's browser SDK on it, as a customer's site embeds it: the SDK from
 * npm (system-tests/browser, installed by bin/test, never kept in the repository) loaded as a plain
 * script, initialised with the project token and an {@code api_host} the test chooses. Its elements are
 * the ones Clickmap counts clicks on: a button with classes and a data-attr, a nav link, and a note that
 * reacts to nothing (a dead click target). Served on 127.0.0.1 from a free port, so the SDK's host
 * (another port) is cross-origin to it, as PostHog's is to a real site.
 */
final class TestPage implements AutoCloseable {
    /** The build that defines window.posthog with every extension bundled (dead clicks too), so nothing more is fetched. */
    static final Path SDK = Path.of("browser", "node_modules", "posthog-js", "dist", "array.full.js");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private TestPage(HttpServer server) {
        this.server = server;
    }

    /** The page; {@code requestBatching} is the SDK's option: queue events and send them together, or one request each. */
    static TestPage serve(String token, String apiHost, boolean requestBatching) {
        if (!Files.isReadable(SDK)) {
            throw new AssertionError(SDK.toAbsolutePath() + " is missing: bin/test installs posthog-js with npm ci"
                    + " (bin/prerequisites.sh, ensure_browser_packages); run the tests through bin/test");
        }
        byte[] page = html(token, apiHost, requestBatching).getBytes(StandardCharsets.UTF_8);
        try {
            byte[] sdk = Files.readAllBytes(SDK);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                switch (exchange.getRequestURI().getPath()) {
                    case "/" -> answer(exchange, 200, "text/html; charset=utf-8", page);
                    case "/posthog.js" -> answer(exchange, 200, "text/javascript; charset=utf-8", sdk);
                    default -> answer(exchange, 404, "text/plain", "not here".getBytes(StandardCharsets.UTF_8));
                }
            });
            server.start();
            return new TestPage(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private static String html(String token, String apiHost, boolean requestBatching) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("api_host", apiHost);
        config.put("autocapture", true);
        config.put("capture_dead_clicks", true);
        // The SDK drops every event from a browser that says it is automated (navigator.webdriver, HeadlessChrome).
        config.put("opt_out_useragent_filter", true);
        config.put("request_batching", requestBatching);
        config.put("persistence", "memory");
        config.put("disable_session_recording", true);
        config.put("advanced_disable_feature_flags", false);
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Trail shoes - Clickmap test shop</title>
                  <style>
                    body { font-family: sans-serif; margin: 0; }
                    nav { background: #223; padding: 12px 24px; }
                    nav a { color: #fff; margin-right: 16px; }
                    .card { border: 1px solid #ccc; border-radius: 8px; margin: 24px; padding: 16px; width: 320px; }
                    .btn-primary { background: #1d4ed8; color: #fff; border: 0; border-radius: 4px; padding: 8px 16px; }
                    nav .cart { color: #fff; float: right; }
                    .note { margin: 24px; padding: 16px; background: #eee; width: 320px; }
                  </style>
                </head>
                <body>
                  <nav><a class="nav-link" href="#sale">Sale</a><a class="nav-link" href="#contact">Contact</a>
                    <span class="cart">Cart (<span class="cart-count">0</span>)</span></nav>
                  <main>
                    <div class="card product" id="product-42">
                      <h2>Trail shoes</h2>
                      <p class="price">89.00 EUR</p>
                      <button class="btn btn-primary" data-attr="add-to-cart">Add to cart</button>
                    </div>
                    <div class="note">Nothing happens here</div>
                  </main>
                  <script>
                    // The button changes the page, so the SDK sees a live click; the note changes nothing: a dead click.
                    document.querySelector('[data-attr=add-to-cart]').addEventListener('click', () => {
                      const count = document.querySelector('.cart-count');
                      count.textContent = Number(count.textContent) + 1;
                    });
                  </script>
                  <script src="/posthog.js"></script>
                  <script>posthog.init(%s, %s)</script>
                </body>
                </html>
                """.formatted(json(token), json(config));
    }

    private static String json(Object value) {
        try {
            // A "</script>" inside a value must not end the script element.
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
