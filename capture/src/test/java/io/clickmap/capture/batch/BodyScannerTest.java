package io.clickmap.capture.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickmap.capture.errors.Rejection;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scanner against Jackson, the parser ingest reads events with: on generated bodies (every JSON form,
 * escapes in names and values, whitespace, nesting) it finds the fields Jackson's tree holds and escapes each
 * event into a JSON string that reads back as the event's bytes; on those bodies mutated byte by byte it never accepts what Jackson refuses, and
 * refuses nothing Jackson accepts unless the bytes are not well-formed UTF-8.
 */
class BodyScannerTest {
    private static final ObjectMapper JACKSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.defaults();
    private static final String[] SPECIAL = {"event", "uuid", "distinct_id", "token", "api_key", "properties"};

    @Test
    void generatedBodiesGiveJacksonsFieldsAndEachEventEscapedAsAString() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 3_000; round++) {
            Generator generator = new Generator(random);
            byte[] body = generator.body();
            BodyScanner.Body scanned = BodyScanner.scan(body);
            JsonNode tree = JACKSON.readTree(body);

            List<JsonNode> events = new ArrayList<>();
            JsonNode batch = tree.isObject() ? tree.get("batch") : null;
            if (tree.isArray()) {
                tree.forEach(events::add);
            } else if (batch != null && batch.isArray()) {
                batch.forEach(events::add);
                assertThat(scanned.batchToken()).isEqualTo(ownToken(tree));
            } else {
                events.add(tree);
            }
            assertThat(scanned.events()).as(new String(body, StandardCharsets.UTF_8)).hasSize(events.size());
            String text = new String(body, StandardCharsets.UTF_8);
            int after = 0;
            for (int i = 0; i < events.size(); i++) {
                EventFields fields = scanned.events().get(i);
                JsonNode expected = events.get(i);
                // each event, unescaped, is its bytes as sent: the next stretch of the body, and Jackson's event
                String sent = unescaped(scanned, fields);
                int at = text.indexOf(sent, after);
                assertThat(at).as(text).isGreaterThanOrEqualTo(after);
                after = at + sent.length();
                assertThat(JACKSON.readTree(sent)).as(text).isEqualTo(expected);
                assertThat(fields.event).as(text).isEqualTo(textOrNull(expected.get("event")));
                assertThat(fields.uuid).as(text).isEqualTo(textOrNull(expected.get("uuid")));
                assertThat(fields.distinctId).as(text).isEqualTo(id(expected.get("distinct_id")));
                assertThat(fields.ownToken).as(text).isEqualTo(ownToken(expected));
                JsonNode properties = expected.get("properties");
                boolean object = properties != null && properties.isObject();
                assertThat(fields.propertiesMalformed).isEqualTo(properties != null && !object && !properties.isNull());
                assertThat(fields.propertiesToken).as(text).isEqualTo(object ? nonBlank(properties.get("token")) : null);
                assertThat(fields.propertiesDistinctId).as(text).isEqualTo(object ? id(properties.get("distinct_id")) : null);
            }
        }
    }

    @Test
    void mutatedBodiesAreNeverAcceptedWhereJacksonRefusesThem() {
        Random random = new Random(11);
        int acceptedByBoth = 0;
        int refusedByBoth = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] body = mutate(new Generator(random).body(), random);
            boolean jackson = jacksonParses(body);
            Rejection refusal = null;
            try {
                BodyScanner.scan(body);
            } catch (Rejection rejection) {
                refusal = rejection;
            }
            String text = new String(body, StandardCharsets.ISO_8859_1);
            if (refusal == null) {
                assertThat(jackson).as("accepted, but Jackson refuses: %s", text).isTrue();
                acceptedByBoth++;
            } else if (refusal.reason().equals("undecodable") && wellFormedUtf8(body) && startsLikeABody(body)) {
                assertThat(jackson).as("refused (%s), but Jackson accepts: %s", refusal.getMessage(), text).isFalse();
                refusedByBoth++;
            }
        }
        // the mutations must exercise both sides, or the test says nothing
        assertThat(acceptedByBoth).isGreaterThan(1_000);
        assertThat(refusedByBoth).isGreaterThan(1_000);
    }

    @Test
    void ingestsParserBoundsAreTheScannersBounds() {
        int depth = LIMITS.getMaxNestingDepth();
        // the event sits at depth 2 in an array body; its value nests the rest
        String deepest = "[{\"event\":\"e\",\"nested\":" + "[".repeat(depth - 2) + "]".repeat(depth - 2) + "}]";
        String deeper = "[{\"event\":\"e\",\"nested\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}]";
        assertBothAccept(deepest);
        assertBothRefuse(deeper, "nested deeper than " + depth + " levels");

        int digits = LIMITS.getMaxNumberLength();
        assertBothAccept("{\"event\":\"e\",\"n\":" + "9".repeat(digits) + "}");
        assertBothRefuse("{\"event\":\"e\",\"n\":" + "9".repeat(digits + 1) + "}", "a number longer than " + digits);

        int name = LIMITS.getMaxNameLength();
        assertBothAccept("{\"event\":\"e\",\"" + "n".repeat(name) + "\":1}");
        assertBothRefuse("{\"event\":\"e\",\"" + "n".repeat(name + 1) + "\":1}", "a field name longer than " + name);
    }

    @Test
    void eachWayABodyIsNotJsonIsNamedWithItsPlace() {
        assertRefused("{\"event\":\"e\" \"x\":1}", "The body is not valid JSON: ',' or '}' expected at byte 13.");
        assertRefused("{\"event\":\"e\",\"x\":01}", "The body is not valid JSON: a malformed number at byte 19.");
        assertRefused("{\"event\":\"a\u0001b\"}", "The body is not valid JSON: an unescaped control character in a string at byte 11.");
        assertRefused("{\"event\":\"\\x\"}", "The body is not valid JSON: an unknown escape sequence at byte 10.");
        assertRefused("{\"event\":\"\\u12\"}", "The body is not valid JSON: a \\u escape without four hex digits at byte 10.");
        assertRefused("{\"event\":tru}", "The body is not valid JSON: a value expected at byte 9.");
        assertRefused("{\"event\":\"e\"", "The body is not valid JSON: it ends where ',' or '}' should follow at byte 12.");
        assertRefused("{\"event\":\"e}", "The body is not valid JSON: a string without its closing quote at byte 9.");
        assertRefused("[{\"event\":\"e\"}] x", "The body is not valid JSON: text after the body's JSON at byte 16.");
        // an overlong encoding of '/', a UTF-16 surrogate written as UTF-8, a continuation byte alone
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80}}) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("{\"event\":\"".getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(bad);
            body.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> BodyScanner.scan(body.toByteArray())).isInstanceOf(Rejection.class)
                    .hasMessage("The body is not valid JSON: a byte that is not UTF-8 at byte 10.");
        }
    }

    @Test
    void aByteOrderMarkIsSkippedAndWhitespaceBetweenTokensIsEscaped() throws Exception {
        byte[] body = ("\uFEFF [ {\n\t\"event\" : \"é\" ,\r\n\"n\":[ 1 , 2 ] } ]").getBytes(StandardCharsets.UTF_8);
        BodyScanner.Body scanned = BodyScanner.scan(body);
        EventFields event = scanned.events().get(0);

        assertThat(event.event).isEqualTo("é");
        assertThat(escaped(scanned, event)).startsWith("{\\u000a\\u0009\\\"event\\\" : \\\"é\\\" ,\\u000d\\u000a");
        assertThat(unescaped(scanned, event)).isEqualTo("{\n\t\"event\" : \"é\" ,\r\n\"n\":[ 1 , 2 ] }");
    }

    @Test
    void quotesBackslashesEscapesAndUnicodeSurviveTheRoundTrip() throws Exception {
        String event = "{\"text\":\"Say \\\"hi\\\" \\\\ now \\u00e9 \\/\",\"emoji\":\"✓ 日本 \uD83D\uDE00\"}";
        byte[] body = ("[" + event + "]").getBytes(StandardCharsets.UTF_8);
        BodyScanner.Body scanned = BodyScanner.scan(body);

        assertThat(unescaped(scanned, scanned.events().get(0))).isEqualTo(event);
        assertThat(escaped(scanned, scanned.events().get(0))).contains("Say \\\\\\\"hi").contains("\\\\\\\\ now \\\\u00e9 \\\\/");
    }

    @Test
    void bodiesThatEscapeToMuchMoreThanTheirSizeGrowTheBufferWithoutLosingAByte() throws Exception {
        // larger than any buffer a thread keeps, and escaping to twice and six times their size
        String quotes = "{\"event\":\"e\",\"quotes\":\"" + "\\\"".repeat(150_000) + "\"}";
        String spaced = "{\"event\":\"e\",\"n\":\n\t1}";
        byte[] body = ("[" + quotes + ",\r\n" + spaced + "]" + "\n".repeat(200_000)).getBytes(StandardCharsets.UTF_8);
        BodyScanner.Body scanned = BodyScanner.scan(body);

        assertThat(unescaped(scanned, scanned.events().get(0))).isEqualTo(quotes);
        assertThat(unescaped(scanned, scanned.events().get(1))).isEqualTo(spaced);
    }

    private static void assertBothAccept(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(jacksonParses(bytes)).isTrue();
        assertThat(BodyScanner.scan(bytes).events()).hasSize(1);
    }

    private static void assertBothRefuse(String body, String why) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(jacksonParses(bytes)).isFalse();
        assertThatThrownBy(() -> BodyScanner.scan(bytes)).isInstanceOf(Rejection.class).hasMessageContaining(why);
    }

    private static void assertRefused(String body, String message) {
        assertThatThrownBy(() -> BodyScanner.scan(body.getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(Rejection.class, rejection -> {
            assertThat(rejection.reason()).isEqualTo("undecodable");
            assertThat(rejection.getMessage()).isEqualTo(message);
        });
    }

    private static boolean jacksonParses(byte[] body) {
        try {
            return JACKSON.readTree(body) != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean wellFormedUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Jackson also reads bare scalars; the scanner only the shapes a capture body can have. */
    private static boolean startsLikeABody(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.startsWith("{") || text.startsWith("[");
    }

    private static byte[] mutate(byte[] body, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 4);
        byte[] alphabet = "{}[]\":,\\ \n0-.eE+tfnu\u00e9".getBytes(StandardCharsets.UTF_8);
        int at = random.nextInt(body.length);
        out.write(body, 0, at);
        switch (random.nextInt(4)) {
            case 0 -> at++; // drop a byte
            case 1 -> out.write(alphabet[random.nextInt(alphabet.length)]); // insert one
            case 2 -> {
                out.write(alphabet[random.nextInt(alphabet.length)]); // replace one
                at++;
            }
            default -> {
                out.write(random.nextInt(256)); // any byte at all
                at++;
            }
        }
        out.write(body, Math.min(at, body.length), Math.max(0, body.length - at));
        return out.toByteArray();
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static String nonBlank(JsonNode node) {
        String text = textOrNull(node);
        return text == null || text.isBlank() ? null : text;
    }

    private static String ownToken(JsonNode event) {
        String token = nonBlank(event.get("token"));
        String apiKey = nonBlank(event.get("api_key"));
        // the first of the two in the event's order
        if (token == null || apiKey == null) {
            return token != null ? token : apiKey;
        }
        List<String> names = new ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        return names.indexOf("token") < names.indexOf("api_key") ? token : apiKey;
    }

    private static String id(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue().isEmpty() ? null : node.textValue();
        }
        return node.isIntegralNumber() ? node.asText() : null;
    }

    private static String escaped(BodyScanner.Body scanned, EventFields event) {
        return new String(scanned.escaped(), event.escapedFrom, event.escapedTo - event.escapedFrom, StandardCharsets.UTF_8);
    }

    /** The escaped event read back as the content of a JSON string, by Jackson. */
    private static String unescaped(BodyScanner.Body scanned, EventFields event) throws Exception {
        return JACKSON.readValue("\"" + escaped(scanned, event) + "\"", String.class);
    }

    /** Random bodies in every shape, written by hand so that escapes, whitespace and number forms vary. */
    private static final class Generator {
        private final Random random;
        private final StringBuilder out = new StringBuilder();

        Generator(Random random) {
            this.random = random;
        }

        byte[] body() {
            switch (random.nextInt(3)) {
                case 0 -> event();
                case 1 -> {
                    out.append('[');
                    events();
                    out.append(']');
                }
                default -> {
                    out.append('{');
                    space();
                    out.append("\"api_key\":");
                    string(random.nextBoolean() ? "phc_shop" : " ");
                    out.append(",\"batch\":[");
                    events();
                    out.append("],\"sent_at\":\"2026-12-01T10:00:00Z\"}");
                }
            }
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }

        private void events() {
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                space();
                event();
                space();
                if (i > 1) {
                    out.append(',');
                }
            }
        }

        private void event() {
            out.append('{');
            List<String> names = new ArrayList<>(List.of(SPECIAL));
            Collections.shuffle(names, random);
            names = names.subList(0, random.nextInt(names.size() + 1));
            boolean first = true;
            for (String name : names) {
                first = comma(first);
                name(name);
                switch (name) {
                    case "properties" -> {
                        if (random.nextInt(8) == 0) {
                            value(2);
                        } else {
                            properties();
                        }
                    }
                    case "event", "token", "api_key" -> {
                        if (random.nextInt(6) == 0) {
                            value(2);
                        } else {
                            string(random.nextBoolean() ? "$autocapture" : text());
                        }
                    }
                    case "distinct_id" -> id();
                    default -> string(random.nextBoolean() ? "0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7e" : text());
                }
                first = otherFields(first, 2);
            }
            space();
            out.append('}');
        }

        private void properties() {
            out.append('{');
            boolean first = otherFields(true, 3);
            for (String name : new String[] {"token", "distinct_id"}) {
                if (random.nextBoolean()) {
                    first = comma(first);
                    name(name);
                    if (name.equals("token")) {
                        string(random.nextInt(4) == 0 ? "" : "phc_" + text());
                    } else {
                        id();
                    }
                    first = otherFields(first, 3);
                }
            }
            out.append('}');
        }

        private void id() {
            switch (random.nextInt(5)) {
                case 0 -> out.append(random.nextBoolean() ? "-" : "").append(random.nextInt(100_000));
                case 1 -> out.append("1.5e3");
                case 2 -> value(1);
                default -> string(random.nextInt(6) == 0 ? "" : "user-" + text());
            }
        }

        private boolean otherFields(boolean first, int depth) {
            for (int i = random.nextInt(3); i > 0; i--) {
                first = comma(first);
                name("$" + text());
                value(depth);
            }
            return first;
        }

        private boolean comma(boolean first) {
            if (!first) {
                space();
                out.append(',');
            }
            space();
            return false;
        }

        private void name(String name) {
            // now and then a name written with an escape, which names the same field
            if (random.nextInt(10) == 0 && !name.isEmpty()) {
                out.append("\"\\u").append(String.format("%04x", (int) name.charAt(0))).append(escape(name.substring(1))).append('"');
            } else {
                string(name);
            }
            space();
            out.append(':');
            space();
        }

        private void value(int depth) {
            switch (random.nextInt(depth > 0 ? 7 : 5)) {
                case 0 -> string(text());
                case 1 -> out.append(new String[] {"0", "-0", "12", "-3.25", "1e10", "2.5E-3", "6.02e+23"}[random.nextInt(7)]);
                case 2 -> out.append(new String[] {"true", "false", "null"}[random.nextInt(3)]);
                case 3 -> string("button.buy:nth-child=\"1\"text=\"Buy\"");
                case 4 -> string("");
                case 5 -> {
                    out.append('[');
                    for (int i = random.nextInt(3); i > 0; i--) {
                        space();
                        value(depth - 1);
                        if (i > 1) {
                            out.append(',');
                        }
                    }
                    out.append(']');
                }
                default -> {
                    out.append('{');
                    boolean first = true;
                    for (int i = random.nextInt(3); i > 0; i--) {
                        first = comma(first);
                        name(text());
                        value(depth - 1);
                    }
                    out.append('}');
                }
            }
        }

        private String text() {
            String alphabet = "abc\"\\/\n\t\u0001é日\uD83D\uDE00 ";
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(8); i > 0; i--) {
                int pick = random.nextInt(alphabet.length());
                char c = alphabet.charAt(pick);
                text.append(Character.isHighSurrogate(c) ? alphabet.substring(pick, pick + 2) : Character.isLowSurrogate(c) ? "x" : String.valueOf(c));
            }
            return text.toString();
        }

        private void string(String text) {
            out.append('"').append(escape(text)).append('"');
        }

        /** JSON's escapes, in the forms a writer may choose: short, \\u, and / escaped or not. */
        private String escape(String text) {
            StringBuilder escaped = new StringBuilder();
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> escaped.append("\\\"");
                    case '\\' -> escaped.append("\\\\");
                    case '/' -> escaped.append(random.nextBoolean() ? "\\/" : "/");
                    case '\n' -> escaped.append(random.nextBoolean() ? "\\n" : "\\u000A");
                    case '\t' -> escaped.append("\\t");
                    default -> escaped.append(c < 0x20 || random.nextInt(20) == 0 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
            return escaped.toString();
        }

        private void space() {
            if (random.nextInt(4) == 0) {
                out.append(new String[] {" ", "\n", "\t", "\r\n", "  "}[random.nextInt(5)]);
            }
        }
    }
}
