package io.clickmap.api.elements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Element bodies written to hurt: SQL, quotes, backslashes, template placeholders, NUL, control characters,
 * emoji, deep nesting, huge numbers, broken or foreign encodings, oversized bodies, wrong content types.
 * Text is stored and returned exactly; everything else is a 4xx in DRF shape, never a server error, and leaves
 * every table as it was.
 */
@MicronautTest
class HostileElementBodiesTest extends ServiceTest {
    private static final String ELEMENTS = "/api/environments/1/elements/";
    private static final List<String> HOSTILE_TEXT = List.of(
            "'; DROP TABLE elements; --",
            "' OR 1=1 --",
            "\\",
            "\\'",
            "\"",
            "'",
            "\u0000",
            "a\u0000b",
            "{team}",
            "{database}.elements",
            "NULL",
            "null",
            "[]",
            ")), (1, 2",
            "😀 ünïcödé 中文 \u202e",
            "line\nbreak\r\n\t",
            "1; SELECT * FROM system.users",
            "");
    private static final String[] TABLES = {"events", "element_clicks_daily", "element_chains", "element_urls", "environments", "api_keys",
            "elements"};

    @BeforeAll
    void storeOneElement() {
        api().send("POST", ELEMENTS, "{\"text\":\"already here\"}");
    }

    private String snapshot() {
        StringBuilder state = new StringBuilder(scalar("SELECT groupArray(name) FROM (SELECT name FROM system.tables "
                + "WHERE database = currentDatabase() ORDER BY name)"));
        for (String table : TABLES) {
            String hashed = table.equals("events") ? "toString(uuid), elements_chain, properties" : "*";
            state.append('\n').append(table).append(' ').append(scalar("SELECT count(), sum(cityHash64(" + hashed + ")) FROM " + table));
        }
        return state.toString();
    }

    @Test
    void hostileTextInEveryFieldIsStoredAndReturnedExactly() {
        for (String text : HOSTILE_TEXT) {
            ObjectNode body = JsonNodeFactory.instance.objectNode()
                    .put("text", text).put("tag_name", text).put("href", text).put("attr_id", text);
            body.putArray("attr_class").add(text).add("x");
            body.putObject("attributes").put(text, text).put("attr__" + text, "v");

            Api.Reply created = api().send("POST", ELEMENTS, body.toString());
            assertThat(created.status()).as(text).isEqualTo(201);
            JsonNode stored = api().get(ELEMENTS + created.json().get("id").asLong() + "/").json();
            for (String field : new String[] {"text", "tag_name", "href", "attr_id", "attr_class", "attributes"}) {
                assertThat(stored.get(field)).as(field + " of " + text).isEqualTo(body.get(field));
            }
        }
        assertThat(scalar("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'elements'")).isEqualTo("1");
    }

    @Test
    void hostileBodiesAreRefusedInDrfShapeWithoutAServerErrorAndChangeNoTable() {
        String before = snapshot();
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of(
                "'; DROP TABLE elements; --",
                "{\"text\":\"a\"}; DROP TABLE elements",
                "{\"text\":\"a\"}{\"text\":\"b\"}",
                "[".repeat(100_000),
                "{\"a\":".repeat(50_000),
                "[".repeat(900) + "]".repeat(900),
                "{\"text\":{\"$gt\":\"\"}}",
                "{\"nth_child\":" + "9".repeat(5_000) + "}",
                "{\"nth_child\":1e999999}",
                "{\"text\":\"a\",\"order\":\"0; DROP TABLE elements\"}",
                "{\"attributes\":{\"k\":{\"nested\":[" + "[".repeat(500) + "]".repeat(500) + "]}}}",
                "\uFEFF{}",
                "\u0000",
                "{\"text\u0000\":1}")) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.add(new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'});
        bodies.add(new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'});
        bodies.add("{\"text\":\"utf-16\"}".getBytes(StandardCharsets.UTF_16));
        bodies.add(("{\"text\":\"" + "x".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.UTF_8));

        for (byte[] body : bodies) {
            assertRefusedInDrfShape(api().send("POST", ELEMENTS, body, "application/json"), body);
        }
        for (String contentType : new String[] {"text/plain", "application/x-www-form-urlencoded", "application/xml"}) {
            assertRefusedInDrfShape(api().send("POST", ELEMENTS, "text=a".getBytes(StandardCharsets.UTF_8), contentType),
                    contentType.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    private static void assertRefusedInDrfShape(Api.Reply reply, byte[] body) {
        String what = new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8) + " → " + reply.body();
        assertThat(reply.status()).as(what).isIn(400, 413, 415);
        JsonNode error = reply.json();
        assertThat(error.fieldNames()).toIterable().as(what).containsExactly("type", "code", "detail", "attr");
        assertThat(error.get("type").asText()).as(what).isIn("validation_error", "invalid_request");
    }

    @Test
    void theLargestBodiesTheLimitAllowsAreStoredWhole() {
        ObjectNode atLimits = JsonNodeFactory.instance.objectNode().put("text", "\u00e9".repeat(10_000)).put("tag_name", "t".repeat(1_000))
                .put("href", "h".repeat(10_000)).put("attr_id", "i".repeat(10_000));
        ObjectNode manyAttributes = JsonNodeFactory.instance.objectNode();
        ObjectNode attributes = manyAttributes.putObject("attributes");
        for (int i = 0; i < 60_000; i++) {
            attributes.put("k" + i, "'");
        }
        ObjectNode manyClasses = JsonNodeFactory.instance.objectNode();
        var classes = manyClasses.putArray("attr_class");
        for (int i = 0; i < 150_000; i++) {
            classes.add("c");
        }

        for (ObjectNode body : List.of(atLimits, manyAttributes, manyClasses)) {
            Api.Reply created = api().send("POST", ELEMENTS, body.toString());
            assertThat(created.status()).isEqualTo(201);
            JsonNode stored = api().get(ELEMENTS + created.json().get("id").asLong() + "/").json();
            body.fieldNames().forEachRemaining(field -> assertThat(stored.get(field)).as(field).isEqualTo(body.get(field)));
        }
    }

    @Test
    void aPatchWithAHostileBodyLeavesTheElementAsItWas() {
        Api.Reply created = api().send("POST", ELEMENTS, "{\"text\":\"stays\",\"attributes\":{\"a\":\"b\"}}");
        String path = ELEMENTS + created.json().get("id").asLong() + "/";
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        nested.writeBytes("{\"text\":".getBytes(StandardCharsets.UTF_8));
        nested.writeBytes("[".repeat(100_000).getBytes(StandardCharsets.UTF_8));

        for (byte[] body : List.of(nested.toByteArray(), "{\"text\":\"x\",\"attributes\":[1]}".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xFF, (byte) 0xFE})) {
            assertRefusedInDrfShape(api().send("PATCH", path, body, "application/json"), body);
        }
        assertThat(api().get(path).body()).isEqualTo(created.body());
    }
}
