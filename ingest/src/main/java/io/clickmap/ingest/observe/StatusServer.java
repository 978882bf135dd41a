package io.clickmap.ingest.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** {@code GET /health} (200 or 503, JSON) and {@code GET /metrics} (Prometheus text) on a small port of their own. */
public final class StatusServer implements AutoCloseable {
    private final HttpServer server;

    public StatusServer(int port, Health health, IngestMetrics metrics) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on status port " + port + " (ingest.status-port): " + e.getMessage(), e);
        }
        server.createContext("/health", exchange -> respond(exchange, health.healthy() ? 200 : 503, "application/json", health.json()));
        server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4", metrics.prometheusText()));
        server.createContext("/", exchange -> respond(exchange, 404, "application/json", "{\"detail\":\"Not found.\"}"));
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ingest-status");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
