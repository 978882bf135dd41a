package io.clickmap.api.stats;

import io.clickmap.chain.ChainTrim;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns storage rows into the page's JSON: {@code {"count", "hash", "type", "elements"}} per row, at most
 * {@code limit} rows (storage fetched one more to learn whether a next page exists). Sampled counts are
 * scaled back here, as {@code (long) (count / f)}.
 */
@Singleton
class StatsRenderer {
    private static final byte[] COUNT = "{\"count\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HASH = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "\",\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ELEMENTS = "\",\"elements\":".getBytes(StandardCharsets.US_ASCII);

    private final ElementsJsonCache elements;

    StatsRenderer(ElementsJsonCache elements) {
        this.elements = elements;
    }

    StatsPage render(List<StatsRow> fetched, StatsQuery query, ChainTrim trim) {
        int shown = Math.min(fetched.size(), query.limit());
        ByteArrayOutputStream json = new ByteArrayOutputStream(64 + shown * 512);
        json.write('[');
        for (int i = 0; i < shown; i++) {
            StatsRow row = fetched.get(i);
            if (i > 0) {
                json.write(',');
            }
            long count = query.isSampled() ? (long) (row.count() / query.samplingFactor()) : row.count();
            json.writeBytes(COUNT);
            json.writeBytes(Long.toString(count).getBytes(StandardCharsets.US_ASCII));
            json.writeBytes(HASH);
            json.writeBytes(row.hashHex().getBytes(StandardCharsets.US_ASCII));
            json.writeBytes(TYPE);
            // Event names reach here only from the include whitelist ($autocapture, ...): no escaping needed.
            json.writeBytes(row.event().getBytes(StandardCharsets.US_ASCII));
            json.writeBytes(ELEMENTS);
            json.writeBytes(elements.elements(row, trim));
            json.write('}');
        }
        json.write(']');
        return new StatsPage(json.toByteArray(), fetched.size() > query.limit(), shown);
    }
}
