package io.clickmap.capture.http;

import io.micronaut.http.HttpRequest;

/**
 * The client's IP address for the envelope's {@code ip}: the connection's peer, or — only when capture is
 * told it sits behind a proxy it trusts — the first address of {@code X-Forwarded-For}, which clients can
 * otherwise set to anything.
 */
final class ClientAddress {
    private ClientAddress() {
    }

    static String of(HttpRequest<?> request, boolean trustForwardedFor) {
        if (trustForwardedFor) {
            String forwarded = request.getHeaders().get("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].strip();
            }
        }
        return request.getRemoteAddress().getAddress().getHostAddress();
    }

    /** The capture host as the client named it, e.g. {@code http://localhost:8010}. */
    static String siteUrl(HttpRequest<?> request) {
        String host = request.getHeaders().get("Host");
        return (request.isSecure() ? "https://" : "http://") + (host == null ? "localhost" : host);
    }
}
