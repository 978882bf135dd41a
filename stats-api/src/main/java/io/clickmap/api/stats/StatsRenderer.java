package io.clickmap.api.stats;

import io.clickmap.api.web.JsonResponses;
import io.clickmap.chain.ChainTrim;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns storage rows into the page's JSON: {@code {"count", "hash", "type", "elements"}} per row, at most
 * {@code limit} rows (storage fetched one more to learn whether a next page exists). Sampled counts are
 * scaled back here, as {@code (long) (count / f)}. Element arrays come from {@link ElementsJsonCache} and are
 * referenced, not copied, on large pages, so a 50,000-row page does not need its 80 MB twice. A row whose chain
 * text is missing is shown with no elements, written here and not cached, and the page is marked incomplete.
 */
@Singleton
class StatsRenderer {
    private final ElementsJsonCache elements;

    StatsRenderer(ElementsJsonCache elements) {
        this.elements = elements;
    }

    private static final byte[] NO_ELEMENTS = {'[', ']'};

    StatsPage render(List<StatsRow> fetched, StatsQuery query, ChainTrim trim) {
        int shown = Math.min(fetched.size(), query.limit());
        List<byte[]> segments = new ArrayList<>(shown * 2 + 1);
        long length = 0;
        boolean complete = true;
        StringBuilder head = new StringBuilder(96);
        for (int i = 0; i < shown; i++) {
            StatsRow row = fetched.get(i);
            long count = query.isSampled() ? (long) (row.count() / query.samplingFactor()) : row.count();
            head.setLength(0);
            // Event names reach here only from the include whitelist ($autocapture, ...): no escaping needed.
            head.append(i == 0 ? "[" : "},").append("{\"count\":").append(count).append(",\"hash\":\"").append(row.hashHex())
                    .append("\",\"type\":\"").append(row.event()).append("\",\"elements\":");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] elementsJson = row.chain() == null ? NO_ELEMENTS : elements.elements(row, trim);
            complete &= row.chain() != null;
            segments.add(headBytes);
            segments.add(elementsJson);
            length += headBytes.length + elementsJson.length;
        }
        byte[] tail = (shown == 0 ? "[]" : "}]").getBytes(StandardCharsets.US_ASCII);
        segments.add(tail);
        length += tail.length;
        boolean hasMore = fetched.size() > query.limit();
        // A page the response sends as one buffer is joined into one array: cheaper to send and to cache.
        return length <= JsonResponses.STREAM_ABOVE_BYTES
                ? new StatsPage(List.of(join(segments, (int) length)), length, hasMore, complete)
                : new StatsPage(segments, length, hasMore, complete);
    }

    private static byte[] join(List<byte[]> segments, int length) {
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] segment : segments) {
            System.arraycopy(segment, 0, joined, at, segment.length);
            at += segment.length;
        }
        return joined;
    }
}
