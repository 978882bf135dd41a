package io.clickmap.api.web;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Responses whose JSON body was written by Clickmap itself, sent as bytes without a second serialisation. */
public final class JsonResponses {
    private JsonResponses() {
    }

    public static MutableHttpResponse<byte[]> ok(byte[] json, ServerTiming timing) {
        return HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE).header("Server-Timing", timing.header());
    }

    /** A body in segments, sent without joining them (large pages share their arrays with the caches). */
    public static MutableHttpResponse<ByteBuf> ok(List<byte[]> segments, ServerTiming timing) {
        ByteBuf body = Unpooled.wrappedBuffer(segments.size(), segments.toArray(new byte[0][]));
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE).header("Server-Timing", timing.header());
    }

    /** A JSON string literal, or {@code null}. */
    public static String stringOrNull(String value) {
        if (value == null) {
            return "null";
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
