package io.clickmap.api.elements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.api.Api;
import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the element body, one test each: the status, code, attr and detail of the refusal, the value
 * just inside the bound accepted, and a refused body (POST or PATCH) changes nothing in the table.
 */
@MicronautTest
class ElementValidationTest extends ServiceTest {
    private static final String ELEMENTS = "/api/environments/1/elements/";
    private static final String INTEGER_RULE = " must be an integer from -2147483648 to 2147483647, or null.";

    private long rowsBefore;

    @BeforeEach
    void countRows() {
        rowsBefore = Long.parseLong(scalar("SELECT count() FROM elements"));
    }

    private void assertRowsUnchanged() {
        assertThat(Long.parseLong(scalar("SELECT count() FROM elements"))).isEqualTo(rowsBefore);
    }

    private void assertRefused(String body, String attr, String detail) {
        Api.Reply reply = api().send("POST", ELEMENTS, body);
        assertThat(reply.status()).as(body).isEqualTo(400);
        assertThat(reply.json()).as(body).isEqualTo(invalid(attr, detail));
        assertRowsUnchanged();
    }

    private static com.fasterxml.jackson.databind.JsonNode invalid(String attr, String detail) {
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("type", "validation_error").put("code", "invalid_input").put("detail", detail);
        return attr == null ? error.putNull("attr") : error.put("attr", attr);
    }

    private static String with(String field, String value) {
        return JsonNodeFactory.instance.objectNode().put(field, value).toString();
    }

    private int createdStatus(String body) {
        int status = api().send("POST", ELEMENTS, body).status();
        rowsBefore = Long.parseLong(scalar("SELECT count() FROM elements"));
        return status;
    }

    @Test
    void textLongerThan10000CharactersIsRefusedAnd10000EmojiAreAccepted() {
        assertRefused(with("text", "a".repeat(10_001)), "text", "text must have at most 10000 characters.");
        assertThat(createdStatus(with("text", "😀".repeat(10_000)))).isEqualTo(201);
    }

    @Test
    void tagNameLongerThan1000CharactersIsRefused() {
        assertRefused(with("tag_name", "a".repeat(1_001)), "tag_name", "tag_name must have at most 1000 characters.");
        assertThat(createdStatus(with("tag_name", "a".repeat(1_000)))).isEqualTo(201);
    }

    @Test
    void hrefLongerThan10000CharactersIsRefused() {
        assertRefused(with("href", "/".repeat(10_001)), "href", "href must have at most 10000 characters.");
        assertThat(createdStatus(with("href", "/".repeat(10_000)))).isEqualTo(201);
    }

    @Test
    void attrIdLongerThan10000CharactersIsRefused() {
        assertRefused(with("attr_id", "i".repeat(10_001)), "attr_id", "attr_id must have at most 10000 characters.");
        assertThat(createdStatus(with("attr_id", "i".repeat(10_000)))).isEqualTo(201);
    }

    @Test
    void aStringFieldGivenANumberABooleanAListOrAnObjectIsRefusedNamingTheField() {
        for (String field : new String[] {"text", "tag_name", "href", "attr_id"}) {
            for (String value : new String[] {"1", "1.5", "true", "[\"a\"]", "{\"a\":\"b\"}"}) {
                assertRefused("{\"" + field + "\":" + value + "}", field, field + " must be a string or null.");
            }
        }
    }

    @Test
    void halfOfASurrogatePairIsRefusedBecauseUtf8CannotStoreIt() {
        assertRefused("{\"text\":\"a\\ud800b\"}", "text", "text must be valid Unicode text: it holds half of a surrogate pair.");
        assertRefused("{\"attributes\":{\"k\\udc00\":\"v\"}}", "attributes", "attributes must be valid Unicode text: it holds half of a surrogate pair.");
        assertThat(createdStatus("{\"text\":\"\\ud83d\\ude00\"}")).isEqualTo(201);
    }

    @Test
    void attrClassThatIsNotAListOfStringsIsRefused() {
        for (String value : new String[] {"\"btn\"", "1", "{\"a\":\"b\"}", "[1]", "[null]", "[\"a\",[\"b\"]]", "true"}) {
            assertRefused("{\"attr_class\":" + value + "}", "attr_class", "attr_class must be a list of strings, or null.");
        }
    }

    @Test
    void aClassLongerThan200CharactersIsRefused() {
        assertRefused("{\"attr_class\":[\"ok\",\"" + "c".repeat(201) + "\"]}", "attr_class",
                "Each class in attr_class must have at most 200 characters.");
        assertThat(createdStatus("{\"attr_class\":[\"" + "c".repeat(200) + "\"]}")).isEqualTo(201);
    }

    @Test
    void theIntegerFieldsRefuseFloatsStringsBooleansAndValuesBeyond32Bits() {
        for (String field : new String[] {"nth_child", "nth_of_type", "order"}) {
            for (String value : new String[] {"1.0", "1.5", "1e2", "\"1\"", "true", "[1]", "{}", "2147483648", "-2147483649",
                    "99999999999999999999999"}) {
                assertRefused("{\"" + field + "\":" + value + "}", field, field + INTEGER_RULE);
            }
        }
        Api.Reply bounds = api().send("POST", ELEMENTS, "{\"nth_child\":-2147483648,\"nth_of_type\":2147483647,\"order\":0}");
        assertThat(bounds.status()).isEqualTo(201);
        assertThat(bounds.json().get("nth_child").asInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(bounds.json().get("nth_of_type").asInt()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void attributesThatAreNotAnObjectOfStringsAreRefused() {
        for (String value : new String[] {"[]", "\"a=b\"", "1", "{\"a\":1}", "{\"a\":null}", "{\"a\":{\"b\":\"c\"}}", "{\"a\":[\"b\"]}"}) {
            assertRefused("{\"attributes\":" + value + "}", "attributes", "attributes must be an object whose values are strings, or null.");
        }
    }

    @Test
    void aBodyThatIsNotJsonIsAParseError() {
        for (String body : new String[] {"{", "{\"text\":", "text=hello", "{'text':'a'}", "{\"text\":\"a\"} trailing", "{\"text\":NaN}", "   "}) {
            Api.Reply reply = api().send("POST", ELEMENTS, body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.json().get("type").asText()).isEqualTo("validation_error");
            assertThat(reply.json().get("code").asText()).as(body).isEqualTo("parse_error");
            assertThat(reply.json().get("detail").asText()).as(body).startsWith("JSON parse error - ");
            assertThat(reply.json().get("attr").isNull()).isTrue();
        }
        assertThat(api().send("POST", ELEMENTS, "{").json().get("detail").asText())
                .isEqualTo("JSON parse error - the body is not valid JSON (line 1, column 2).");
        assertRowsUnchanged();
    }

    @Test
    void aBodyThatIsNotUtf8IsAParseError() {
        byte[] latin1 = "{\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        Api.Reply reply = api().send("POST", ELEMENTS, latin1, "application/json");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json()).isEqualTo(Api.json("{\"type\":\"validation_error\",\"code\":\"parse_error\","
                + "\"detail\":\"JSON parse error - the body is not valid UTF-8.\",\"attr\":null}"));
        assertRowsUnchanged();
    }

    @Test
    void jsonThatIsNotAnObjectIsRefused() {
        for (String body : new String[] {"[]", "[{\"text\":\"a\"}]", "\"text\"", "1", "null", "true"}) {
            assertRefused(body, null, "The body must be a JSON object (the element's fields).");
        }
    }

    @Test
    void patchChecksItsBodyByTheSameRulesAndARefusedPatchChangesNothing() {
        Api.Reply created = api().send("POST", ELEMENTS, "{\"text\":\"kept\",\"nth_child\":1}");
        long id = created.json().get("id").asLong();
        rowsBefore = Long.parseLong(scalar("SELECT count() FROM elements"));

        Api.Reply reply = api().send("PATCH", ELEMENTS + id + "/", "{\"text\":\"changed\",\"nth_child\":1.5}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json()).isEqualTo(invalid("nth_child", "nth_child" + INTEGER_RULE));
        assertThat(api().get(ELEMENTS + id + "/").body()).isEqualTo(created.body());
        assertThat(api().send("PATCH", ELEMENTS + id + "/", "[]").status()).isEqualTo(400);
        assertRowsUnchanged();
    }

    @Test
    void aBodyBeyondOneMebibyteIsRefusedAsTooLargeInDrfShape() {
        Api.Reply reply = api().send("POST", ELEMENTS, "{\"junk\":\"" + "x".repeat(1_100_000) + "\"}");

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("type").asText()).isEqualTo("invalid_request");
        assertThat(reply.json().get("code").asText()).isEqualTo("request_entity_too_large");
        assertRowsUnchanged();
    }
}
