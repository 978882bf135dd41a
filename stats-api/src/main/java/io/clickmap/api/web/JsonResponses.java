package io.clickmap.api.web;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.netty.buffer.ByteBuf;
import io.micronaut.http.server.types.files.StreamedFile;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Responses whose JSON body was written by Clickmap itself, sent as bytes without a second serialisation. */
public final class JsonResponses {
    public static final int STREAM_ABOVE_BYTES = 1 << 20;

    private JsonResponses() {
    }

    public static MutableHttpResponse<byte[]> ok(byte[] json, ServerTiming timing) {
        return HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE).header("Server-Timing", timing.header());
    }

    /**
     * A body in segments. Up to {@link #STREAM_ABOVE_BYTES} it is sent as one buffer with a length; beyond, it is
     * streamed in chunks, because Netty would otherwise merge the segments into yet another copy of the whole body.
     */
    public static MutableHttpResponse<?> ok(List<byte[]> segments, long length, ServerTiming timing) {
        if (length <= STREAM_ABOVE_BYTES) {
            ByteBuf body = Unpooled.wrappedBuffer(segments.size(), segments.toArray(new byte[0][]));
            return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE).header("Server-Timing", timing.header());
        }
        StreamedFile body = new StreamedFile(new SegmentsInputStream(segments), MediaType.APPLICATION_JSON_TYPE);
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE).header("Server-Timing", timing.header());
    }

    /** A JSON string literal, or {@code null}. */
    public static String stringOrNull(String value) {
        if (value == null) {
            return "null";
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }

    /** Text that is already JSON, as the bytes a body is made of. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
