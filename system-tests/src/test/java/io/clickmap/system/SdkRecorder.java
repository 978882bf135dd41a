package io.clickmap.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * Stands where PostHog's servers stand for the browser SDK ({@code api_host}): keeps every request the
 * SDK makes, exactly as it arrived, and answers {@code 200 {"status":1}} unless the test gave an answer
 * for the path. It only learns what the SDK sends; Clickmap's capture service is what must accept it.
 * The page is on another port, so this is a cross-origin host: it answers preflights and allows
 * credentials for whichever origin asks, as PostHog does.
 */
final class SdkRecorder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived; the body is the raw bytes, before any of the SDK's encodings is undone. */
    record Request(Instant at, String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : String.join(", ", values);
        }

        Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (query != null && !query.isEmpty()) {
                for (String pair : query.split("&")) {
                    int equals = pair.indexOf('=');
                    parameters.put(decode(equals < 0 ? pair : pair.substring(0, equals)), equals < 0 ? "" : decode(pair.substring(equals + 1)));
                }
            }
            return parameters;
        }

        /** The body's text with the SDK's encodings undone: gzip ({@code compression=gzip-js}) or a base64 form field ({@code compression=base64}). */
        String payload() {
            if (body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
                try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("a body that starts like gzip but is not", e);
                }
            }
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.startsWith("data=")) {
                String field = decode(text.substring("data=".length()).split("&", 2)[0]);
                return new String(Base64.getDecoder().decode(field), StandardCharsets.UTF_8);
            }
            return text;
        }

        /** The events the body carries: one object, a JSON array of them, or a {@code {"batch": [...]}} envelope. */
        List<JsonNode> events() {
            try {
                JsonNode json = JSON.readTree(payload());
                JsonNode events = json.has("batch") ? json.get("batch") : json;
                return events.isArray() ? StreamSupport.stream(events.spliterator(), false).toList() : List.of(events);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + payload(), e);
            }
        }

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query) + " (" + header("content-type") + ", " + body.length + " bytes)";
        }
    }

    private record Answer(String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private SdkRecorder(HttpServer server) {
        this.server = server;
    }

    static SdkRecorder start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SdkRecorder recorder = new SdkRecorder(server);
            server.createContext("/", recorder::handle);
            server.start();
            return recorder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code api_host} should be. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests for exactly this path with this body from now on, instead of {@code {"status":1}}. */
    void answer(String path, String contentType, String body) {
        answers.put(path, new Answer(contentType, body.getBytes(StandardCharsets.UTF_8)));
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The POSTs to the SDK's event path ({@code /e/} in posthog-js 1.449), beacons included. */
    List<Request> eventPosts() {
        return requests().stream().filter(request -> request.method().equals("POST") && request.path().equals("/e/")).toList();
    }

    /** Every event those POSTs carried, in the order the requests arrived. */
    List<JsonNode> events() {
        return eventPosts().stream().flatMap(request -> request.events().stream()).toList();
    }

    /** Writes every request with its headers and decoded body, for whoever builds the service that must accept them. */
    void writeLog(Path file) {
        List<String> lines = new ArrayList<>();
        for (Request request : requests()) {
            lines.add(request.at() + " " + request);
            request.headers().forEach((name, values) -> lines.add("  " + name + ": " + String.join(", ", values)));
            if (request.body().length > 0) {
                lines.add("  body" + (request.body()[0] == 0x1f ? " (gzip)" : "") + ": " + request.payload());
            }
        }
        try {
            Files.write(Files.createDirectories(file.toAbsolutePath().getParent()).resolve(file.getFileName()), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        Request request = new Request(Instant.now(), exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
        synchronized (requests) {
            requests.add(request);
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
            exchange.getResponseHeaders().set("Access-Control-Allow-Credentials", "true");
            exchange.getResponseHeaders().set("Vary", "Origin");
        }
        if (request.method().equals("OPTIONS")) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            String asked = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
            if (asked != null) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", asked);
            }
            exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            return;
        }
        Answer answer = answers.getOrDefault(request.path(), new Answer("application/json", "{\"status\":1}".getBytes(StandardCharsets.UTF_8)));
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(200, answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
