package io.clickmap.api.stats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.clickmap.api.elements.ElementObjectJson;
import io.clickmap.api.elements.ElementValues;
import io.clickmap.chain.ChainDecoder;
import io.clickmap.chain.ChainTrim;
import io.clickmap.chain.Element;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a chain's element objects as a JSON array, each through {@link ElementObjectJson} (the toolbar's key
 * order, missing values null, attributes always an object). Decoding never fails, so neither does this.
 */
final class ChainElementsJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ChainElementsJson() {
    }

    static byte[] write(String chain, ChainTrim trim) {
        List<Element> elements = trim.apply(ChainDecoder.decode(chain));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, chain.length() * 2));
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartArray();
            for (Element element : elements) {
                json.writeStartObject();
                ElementObjectJson.writeFields(json, ElementValues.of(element));
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
