package io.clickmap.capture.body;

import io.clickmap.capture.config.CaptureLimits;
import io.clickmap.capture.config.Shares;
import io.clickmap.capture.errors.Rejection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A capture request's body decoded to the JSON it carries, in every form PostHog's SDKs send: plain JSON;
 * gzip, recognised by its magic bytes whatever the query says; {@code compression=gzip-js|gzip}; a form
 * body {@code data=<base64 or JSON>} ({@code compression=base64}, or no compression); base64 alone; and
 * lz-string's base64 ({@code compression=lz64}). Anything else is a 400 naming what was wrong, and no
 * decoding runs past {@link CaptureLimits#MAX_DECODED_BYTES} (413).
 */
public final class RequestBody {
    /** lz-string's dictionary holds about as much again as its output, in two-byte characters. */
    static final int MAX_LZ64_CHARS = CaptureLimits.MAX_DECODED_BYTES / 4;
    private static final Shares SLOTS = new Shares(CaptureLimits.MAX_CONCURRENT_DECODES,
            "Capture is decoding as many bodies as it may at once; retry shortly.");

    private RequestBody() {
    }

    /**
     * @param contentType the request's Content-Type, or null
     * @param compression the {@code compression} query parameter, or null
     */
    public static byte[] decode(byte[] raw, String contentType, String compression) {
        return SLOTS.with(1, () -> decodeInSlot(raw, contentType, compression));
    }

    private static byte[] decodeInSlot(byte[] raw, String contentType, String compression) {
        if (raw == null || raw.length == 0) {
            throw Rejection.undecodable("The body is empty: send a JSON event, an array of events or {\"batch\": [...]}.");
        }
        byte[] payload = raw;
        if (isForm(contentType, raw)) {
            Map<String, String> form = form(raw);
            String data = form.get("data");
            if (data == null) {
                throw Rejection.undecodable("The form body has no data field.");
            }
            if (compression == null) {
                compression = form.get("compression");
            }
            if ("lz64".equals(compression)) {
                return LzString.decompressFromBase64(data.strip(), MAX_LZ64_CHARS).getBytes(StandardCharsets.UTF_8);
            }
            String stripped = data.strip();
            payload = stripped.startsWith("{") || stripped.startsWith("[") ? stripped.getBytes(StandardCharsets.UTF_8) : base64(stripped);
        } else if (GzipBody.looksLikeGzip(raw)) {
            // gzip, whatever the query claims: newer posthog-js sends it with no query at all
        } else if ("lz64".equals(compression)) {
            return LzString.decompressFromBase64(new String(raw, StandardCharsets.US_ASCII).strip(), MAX_LZ64_CHARS)
                    .getBytes(StandardCharsets.UTF_8);
        } else if ("base64".equals(compression)) {
            payload = base64(new String(raw, StandardCharsets.US_ASCII));
        }
        if (GzipBody.looksLikeGzip(payload)) {
            payload = GzipBody.decompress(payload, CaptureLimits.MAX_DECODED_BYTES);
        } else if ("gzip-js".equals(compression) || "gzip".equals(compression)) {
            throw Rejection.undecodable("compression=" + compression + " was given but the body is not gzip.");
        }
        if (payload.length > CaptureLimits.MAX_DECODED_BYTES) {
            throw Rejection.decodedTooLarge(CaptureLimits.MAX_DECODED_BYTES);
        }
        if (!startsLikeJson(payload)) {
            throw Rejection.undecodable("The body is not JSON (nor gzip, base64 or a data= form holding it).");
        }
        return payload;
    }

    private static boolean isForm(String contentType, byte[] raw) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                || raw.length > 5 && raw[0] == 'd' && raw[1] == 'a' && raw[2] == 't' && raw[3] == 'a' && raw[4] == '=';
    }

    private static Map<String, String> form(byte[] raw) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : new String(raw, StandardCharsets.US_ASCII).split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                fields.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw Rejection.undecodable("The form body has a bad %-escape in field '" + name + "'.");
            }
        }
        return fields;
    }

    /** Standard or URL-safe alphabet, padding optional, line breaks ignored: what the SDKs' encoders produce. */
    private static byte[] base64(String text) {
        StringBuilder clean = new StringBuilder(text.length() + 3);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-') {
                clean.append('+');
            } else if (c == '_') {
                clean.append('/');
            } else if (!Character.isWhitespace(c)) {
                clean.append(c);
            }
        }
        while (clean.length() % 4 != 0) {
            clean.append('=');
        }
        try {
            return Base64.getDecoder().decode(clean.toString());
        } catch (IllegalArgumentException e) {
            throw Rejection.undecodable("The body is not valid base64: " + e.getMessage());
        }
    }

    private static boolean startsLikeJson(byte[] payload) {
        for (byte b : payload) {
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return false;
    }
}
