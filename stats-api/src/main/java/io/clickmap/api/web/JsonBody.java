package io.clickmap.api.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clickmap.api.errors.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A JSON request body, read as DRF reads one: an empty body sends no fields ({@code {}}); bytes that are not UTF-8,
 * or text that is not exactly one JSON value, are DRF's {@code parse_error}. Texts in it are checked to be
 * valid Unicode before anything stores them.
 */
public final class JsonBody {
    private static final String NOT_UTF8 = "JSON parse error - the body is not valid UTF-8.";

    private JsonBody() {
    }

    public static JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.parseError(NOT_UTF8);
        }
        try {
            JsonNode root = StrictJson.read(text);
            if (root.isMissingNode()) {
                throw ApiException.parseError("JSON parse error - the body holds no JSON value.");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String position = where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
            throw ApiException.parseError("JSON parse error - the body is not valid JSON" + position + ".");
        }
    }

    /** The text, if at most {@code maxLength} characters (code points, as PostHog counts) of valid Unicode. */
    public static String bounded(String text, String name, int maxLength, String lengthRule) {
        if (unicode(text, name).codePointCount(0, text.length()) > maxLength) {
            throw ApiException.invalid(name, lengthRule);
        }
        return text;
    }

    /**
     * The text, if it is valid Unicode: JSON's {@code \ud800} escapes can name half a character, which UTF-8 (and
     * so ClickHouse) cannot store; it would come back as {@code ?}.
     */
    public static String unicode(String text, String name) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiException.invalid(name, name + " must be valid Unicode text: it holds half of a surrogate pair.");
            }
        }
        return text;
    }
}
