package io.clickmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The service under test, called over real HTTP the way a toolbar would. */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URL base;
    private final String key;

    public Api(URL base, String key) {
        this.base = base;
        this.key = key;
    }

    public Api withKey(String other) {
        return new Api(base, other);
    }

    public Reply get(String pathAndQuery) {
        return send("GET", pathAndQuery);
    }

    public Reply send(String method, String pathAndQuery) {
        return withoutBody(method, pathAndQuery, key == null ? null : "Bearer " + key);
    }

    /** A request with a JSON body (UTF-8). */
    public Reply send(String method, String pathAndQuery, String json) {
        return send(method, pathAndQuery, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** A request with this exact body and content type (null: no Content-Type header). */
    public Reply send(String method, String pathAndQuery, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString() + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return exchange(request);
    }

    /** A GET with the key and these extra headers, as a reverse proxy would add them. */
    public Reply get(String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString() + pathAndQuery)).timeout(Duration.ofSeconds(60)).GET();
        headers.forEach(request::header);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return exchange(request);
    }

    /** A GET with this exact Authorization header (or none). */
    public Reply getWithAuthorization(String pathAndQuery, String authorization) {
        return withoutBody("GET", pathAndQuery, authorization);
    }

    private Reply withoutBody(String method, String pathAndQuery, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString() + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return exchange(request);
    }

    private static Reply exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request line sent byte for byte, for URLs that java.net.URI refuses to build (malformed escapes). */
    public Reply raw(String pathAndQuery) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nConnection: close\r\n" + (key == null ? "" : "Authorization: Bearer " + key + "\r\n") + "\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyStart = response.indexOf("\r\n\r\n");
            return new Reply(status, null, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Status, headers and body of one response. */
    public record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("test JSON is broken: " + text, e);
        }
    }
}
