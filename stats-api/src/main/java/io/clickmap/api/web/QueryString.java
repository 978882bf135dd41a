package io.clickmap.api.web;

import io.clickmap.api.errors.ApiException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's query string, decoded strictly: a malformed percent escape or bytes that are not UTF-8 are a
 * 400 naming the parameter, never silently replaced characters that would then be matched against data.
 * The raw text is kept, because {@code next}/{@code previous} must repeat it exactly. For a parameter given
 * more than once, {@link #last} is what single-valued parameters use (as Django's {@code QueryDict.get}).
 */
public final class QueryString {
    private final String raw;
    private final Map<String, List<String>> values;

    private QueryString(String raw, Map<String, List<String>> values) {
        this.raw = raw;
        this.values = values;
    }

    public static QueryString parse(String rawQuery) {
        String raw = rawQuery == null ? "" : rawQuery;
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = decode(rawName, null);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), name);
            values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return new QueryString(raw, values);
    }

    /** The parameter's last value, or null when absent. */
    public String last(String name) {
        List<String> all = values.get(name);
        return all == null ? null : all.get(all.size() - 1);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The raw query with every {@code offset} pair set to {@code offset}, or {@code offset} appended when absent. */
    public String withOffset(long offset) {
        return with("offset", offset);
    }

    /** The raw query with every {@code name} pair set to {@code value}, or {@code name} appended when absent. */
    public String with(String name, long value) {
        if (raw.isEmpty()) {
            return name + "=" + value;
        }
        String[] pairs = raw.split("&", -1);
        boolean replaced = false;
        for (int i = 0; i < pairs.length; i++) {
            int equals = pairs[i].indexOf('=');
            String rawName = equals < 0 ? pairs[i] : pairs[i].substring(0, equals);
            if (name.equals(decode(rawName, null))) {
                pairs[i] = name + "=" + value;
                replaced = true;
            }
        }
        String query = String.join("&", pairs);
        return replaced ? query : query + "&" + name + "=" + value;
    }

    private static String decode(String text, String parameter) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        ByteBuffer bytes = ByteBuffer.allocate(text.length() * 3);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.put((byte) ' ');
            } else if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw malformed(parameter, "has a malformed percent escape");
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
            } else {
                bytes.put(StandardCharsets.UTF_8.encode(CharBuffer.wrap(new char[] {c})));
            }
        }
        bytes.flip();
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return strict.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw malformed(parameter, "is not valid UTF-8 once percent-decoded");
        }
    }

    private static ApiException malformed(String parameter, String problem) {
        return parameter == null
                ? ApiException.invalid(null, "A query parameter name " + problem + ".")
                : ApiException.invalid(parameter, "The value of " + parameter + " " + problem + ".");
    }
}
