package io.clickmap.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickmap.event.Rejection.Code;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Source SOURCE = new Source("clickmap_events", 3, 1234, Instant.parse("2026-11-21T09:00:00Z").toEpochMilli());
    private static final String CHAIN = "button.btn.primary:nth-child=\"2\"nth-of-type=\"1\"text=\"Pay\";form:nth-child=\"1\"nth-of-type=\"1\"";
    private final EventReader reader = new EventReader(new ConfiguredEnvironments(Map.of(1L, "phc_shop", 2L, "phc_blog")));

    /** The plain event of docs/events.md, as a tree each test may change. */
    private static ObjectNode plainEvent() {
        ObjectNode event = JSON.createObjectNode();
        event.put("uuid", "0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7e");
        event.put("event", "$autocapture");
        event.put("distinct_id", "user-42");
        event.put("team_id", 1);
        event.put("timestamp", "2026-11-20T10:15:30.123Z");
        ObjectNode properties = event.putObject("properties");
        properties.put("$current_url", "https://shop.example.com/cart?step=2");
        properties.put("$event_type", "click");
        properties.put("$elements_chain", CHAIN);
        return event;
    }

    private ReadResult read(Object message) {
        return read(message.toString().getBytes(StandardCharsets.UTF_8));
    }

    private ReadResult read(byte[] message) {
        return reader.read(message, SOURCE);
    }

    private ClickEvent accepted(Object message) {
        ReadResult result = read(message);
        assertThat(result).isInstanceOf(ReadResult.Accepted.class);
        return ((ReadResult.Accepted) result).event();
    }

    private Rejection rejected(Object message) {
        ReadResult result = read(message);
        assertThat(result).isInstanceOf(ReadResult.Rejected.class);
        return ((ReadResult.Rejected) result).rejection();
    }

    @Nested
    class PlainEvents {
        @Test
        void aPlainEventBecomesAClickEventFieldByField() {
            ClickEvent event = accepted(plainEvent());

            assertThat(event.uuid()).isEqualTo(UUID.fromString("0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7e"));
            assertThat(event.teamId()).isEqualTo(1);
            assertThat(event.event()).isEqualTo("$autocapture");
            assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-20T10:15:30.123Z"));
            assertThat(event.distinctId()).isEqualTo("user-42");
            assertThat(event.currentUrl()).isEqualTo("https://shop.example.com/cart?step=2");
            assertThat(event.elementsChain()).isEqualTo(CHAIN);
            assertThat(event.properties()).isEqualTo("{\"$current_url\":\"https://shop.example.com/cart?step=2\",\"$event_type\":\"click\"}");
            assertThat(event.scalarProperties()).containsExactly(Map.entry("$event_type", "click"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"$autocapture", "$rageclick", "$dead_click"})
        void everyClickTypeIsStored(String type) {
            ObjectNode message = plainEvent().put("event", type);

            assertThat(accepted(message).event()).isEqualTo(type);
        }

        @Test
        void otherEventsAreSkippedWithoutFurtherChecks() {
            ObjectNode pageview = JSON.createObjectNode().put("event", "$pageview");

            assertThat(read(pageview)).isEqualTo(new ReadResult.Skipped("$pageview"));
        }

        @Test
        void scalarPropertiesKeepNumbersAndBooleansAsTextAndLeaveOutObjects() {
            ObjectNode message = plainEvent();
            ObjectNode properties = (ObjectNode) message.get("properties");
            properties.put("$screen_width", 1920).put("$is_identified", true).put("ratio", 1.5).putNull("nothing");
            properties.putObject("$set").put("$browser", "Firefox");

            assertThat(accepted(message).scalarProperties()).containsExactly(
                    Map.entry("$event_type", "click"), Map.entry("$screen_width", "1920"),
                    Map.entry("$is_identified", "true"), Map.entry("ratio", "1.5"));
        }
    }

    @Nested
    class CaptureEnvelopes {
        private ObjectNode envelope(ObjectNode inner) {
            ObjectNode envelope = JSON.createObjectNode();
            envelope.put("uuid", "11111111-2222-3333-4444-555555555555");
            envelope.put("distinct_id", "envelope-user");
            envelope.put("ip", "127.0.0.1");
            envelope.put("site_url", "https://shop.example.com");
            envelope.put("data", inner.toString());
            envelope.put("now", "2026-11-20T10:15:40.123Z");
            envelope.put("sent_at", "2026-11-20T10:15:35.123Z");
            envelope.put("token", "phc_blog");
            return envelope;
        }

        @Test
        void theEventInsideDataIsReadAndItsOwnFieldsWin() {
            ClickEvent event = accepted(envelope(plainEvent()));

            assertThat(event.uuid()).isEqualTo(UUID.fromString("0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7e"));
            assertThat(event.distinctId()).isEqualTo("user-42");
            assertThat(event.teamId()).isEqualTo(1);
            assertThat(event.elementsChain()).isEqualTo(CHAIN);
        }

        @Test
        void theEnvelopesUuidDistinctIdAndTokenStandInForMissingOnes() {
            ObjectNode inner = plainEvent();
            inner.remove("uuid");
            inner.remove("distinct_id");
            inner.remove("team_id");

            ClickEvent event = accepted(envelope(inner));

            assertThat(event.uuid()).isEqualTo(UUID.fromString("11111111-2222-3333-4444-555555555555"));
            assertThat(event.distinctId()).isEqualTo("envelope-user");
            assertThat(event.teamId()).isEqualTo(2);
        }

        @Test
        void theTimestampIsCorrectedByTheClientsClockSkew() {
            // the client's clock ran 5 s behind the server's (now - sent_at)
            assertThat(accepted(envelope(plainEvent())).timestamp()).isEqualTo(Instant.parse("2026-11-20T10:15:35.123Z"));
        }

        @Test
        void withoutSentAtTheTimestampIsTakenAsItIs() {
            ObjectNode envelope = envelope(plainEvent());
            envelope.remove("sent_at");

            assertThat(accepted(envelope).timestamp()).isEqualTo(Instant.parse("2026-11-20T10:15:30.123Z"));
        }

        @Test
        void dataThatIsNotAStringIsAnInvalidField() {
            ObjectNode envelope = envelope(plainEvent());
            envelope.set("data", plainEvent());

            assertThat(rejected(envelope).code()).isEqualTo(Code.INVALID_FIELD);
        }

        @Test
        void dataThatIsNotJsonIsInvalidJson() {
            ObjectNode envelope = envelope(plainEvent()).put("data", "{not json");

            assertThat(rejected(envelope).code()).isEqualTo(Code.INVALID_JSON);
        }

        @Test
        void anUnparseableSentAtIsAnInvalidField() {
            ObjectNode envelope = envelope(plainEvent()).put("sent_at", "yesterday");

            assertThat(rejected(envelope)).isEqualTo(new Rejection(Code.INVALID_FIELD,
                    "sent_at must be ISO-8601 with an offset or Z (like 2026-11-20T10:15:30.123Z), or epoch milliseconds"));
        }
    }

    @Nested
    class Uuids {
        @Test
        void aMissingUuidIsDerivedFromTheKafkaCoordinatesSoAReReadGivesTheSameId() {
            ObjectNode message = plainEvent();
            message.remove("uuid");
            byte[] bytes = message.toString().getBytes(StandardCharsets.UTF_8);

            UUID first = ((ReadResult.Accepted) reader.read(bytes, SOURCE)).event().uuid();
            UUID again = ((ReadResult.Accepted) reader.read(bytes, SOURCE)).event().uuid();
            UUID next = ((ReadResult.Accepted) reader.read(bytes, new Source("clickmap_events", 3, 1235, 0))).event().uuid();

            assertThat(first).isEqualTo(again).isNotEqualTo(next);
        }

        @ParameterizedTest
        @ValueSource(strings = {"not-a-uuid", "1-2-3-4-5", "0190b3c4-6f0e-7a55-9c1e-2f3a4b5c6d7", "0190b3c4x6f0e-7a55-9c1e-2f3a4b5c6d7e"})
        void aUuidThatIsNotCanonicalIsAnInvalidField(String uuid) {
            assertThat(rejected(plainEvent().put("uuid", uuid)).code()).isEqualTo(Code.INVALID_FIELD);
        }
    }

    @Nested
    class DistinctIds {
        @Test
        void aNumberIsWrittenAsItsDecimalString() {
            ObjectNode message = plainEvent();
            message.put("distinct_id", 12345678901234L);

            assertThat(accepted(message).distinctId()).isEqualTo("12345678901234");
        }

        @Test
        void aMissingDistinctIdIsAMissingField() {
            ObjectNode message = plainEvent();
            message.remove("distinct_id");

            assertThat(rejected(message)).isEqualTo(new Rejection(Code.MISSING_FIELD, "distinct_id is required"));
        }

        @Test
        void twoHundredCharactersAreAcceptedAndOneMoreIsNot() {
            assertThat(accepted(plainEvent().put("distinct_id", "d".repeat(200))).distinctId()).isEqualTo("d".repeat(200));
            assertThat(rejected(plainEvent().put("distinct_id", "d".repeat(201))).code()).isEqualTo(Code.INVALID_FIELD);
        }

        @Test
        void anEmptyStringOrABooleanIsAnInvalidField() {
            assertThat(rejected(plainEvent().put("distinct_id", "")).code()).isEqualTo(Code.INVALID_FIELD);
            assertThat(rejected(plainEvent().put("distinct_id", true)).code()).isEqualTo(Code.INVALID_FIELD);
        }
    }

    @Nested
    class EnvironmentsOfEvents {
        @Test
        void aTokenNamesItsEnvironment() {
            ObjectNode message = plainEvent();
            message.remove("team_id");
            message.put("token", "phc_blog");

            assertThat(accepted(message).teamId()).isEqualTo(2);
        }

        @Test
        void aTokenInsidePropertiesAsPosthogJsSendsItAlsoWorks() {
            ObjectNode message = plainEvent();
            message.remove("team_id");
            ((ObjectNode) message.get("properties")).put("token", "phc_shop");

            assertThat(accepted(message).teamId()).isEqualTo(1);
        }

        @Test
        void anUnknownIdOrTokenIsAnUnknownEnvironment() {
            assertThat(rejected(plainEvent().put("team_id", 99))).isEqualTo(new Rejection(Code.UNKNOWN_ENVIRONMENT, "no environment has id 99"));
            ObjectNode byToken = plainEvent();
            byToken.remove("team_id");
            byToken.put("token", "phc_nobody");
            assertThat(rejected(byToken).code()).isEqualTo(Code.UNKNOWN_ENVIRONMENT);
        }

        @Test
        void neitherIdNorTokenIsAMissingField() {
            ObjectNode message = plainEvent();
            message.remove("team_id");

            assertThat(rejected(message)).isEqualTo(new Rejection(Code.MISSING_FIELD, "team_id or token is required"));
        }

        @Test
        void aTeamIdThatIsNotAPositiveIntegerIsAnInvalidField() {
            assertThat(rejected(plainEvent().put("team_id", "1")).code()).isEqualTo(Code.INVALID_FIELD);
            assertThat(rejected(plainEvent().put("team_id", 1.5)).code()).isEqualTo(Code.INVALID_FIELD);
            assertThat(rejected(plainEvent().put("team_id", 0)).code()).isEqualTo(Code.INVALID_FIELD);
        }
    }

    @Nested
    class Timestamps {
        @Test
        void anOffsetIsConvertedToUtc() {
            assertThat(accepted(plainEvent().put("timestamp", "2026-11-20T12:15:30+02:00")).timestamp())
                    .isEqualTo(Instant.parse("2026-11-20T10:15:30Z"));
        }

        @Test
        void epochMillisecondsAreAccepted() {
            assertThat(accepted(plainEvent().put("timestamp", 1_763_633_730_123L)).timestamp())
                    .isEqualTo(Instant.ofEpochMilli(1_763_633_730_123L));
        }

        @Test
        void aMissingTimestampIsTheKafkaRecordsTimestamp() {
            ObjectNode message = plainEvent();
            message.remove("timestamp");

            assertThat(accepted(message).timestamp()).isEqualTo(Instant.ofEpochMilli(SOURCE.timestamp()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-11-20T10:15:30", "20 Nov 2026", "2026-13-01T00:00:00Z", "2200-01-01T00:00:00Z", "1969-12-31T23:59:59Z"})
        void aTimestampWithoutOffsetUnreadableOrOutsideClickHousesRangeIsAnInvalidField(String timestamp) {
            assertThat(rejected(plainEvent().put("timestamp", timestamp)).code()).isEqualTo(Code.INVALID_FIELD);
        }
    }

    @Nested
    class Properties {
        @Test
        void missingPropertiesAreAnEmptyObjectAndTheUrlIsEmpty() {
            ObjectNode message = plainEvent();
            message.remove("properties");

            ClickEvent event = accepted(message);

            assertThat(event.properties()).isEqualTo("{}");
            assertThat(event.currentUrl()).isEmpty();
            assertThat(event.elementsChain()).isEmpty();
        }

        @Test
        void propertiesThatAreNotAnObjectAreAnInvalidField() {
            ObjectNode message = plainEvent();
            message.putArray("properties");

            assertThat(rejected(message)).isEqualTo(new Rejection(Code.INVALID_FIELD, "properties must be an object"));
        }

        @Test
        void aCurrentUrlThatIsNotAStringIsAnInvalidField() {
            ObjectNode message = plainEvent();
            ((ObjectNode) message.get("properties")).put("$current_url", 7);

            assertThat(rejected(message).code()).isEqualTo(Code.INVALID_FIELD);
        }
    }

    @Nested
    class Chains {
        private ObjectNode withElements(ArrayNode elements) {
            ObjectNode message = plainEvent();
            ObjectNode properties = (ObjectNode) message.get("properties");
            properties.remove("$elements_chain");
            properties.set("$elements", elements);
            return message;
        }

        private ArrayNode documentedElements() {
            ArrayNode elements = JSON.createArrayNode();
            elements.addObject().put("tag_name", "button").put("$el_text", "Pay").put("attr__class", "btn primary")
                    .put("attr__type", "submit").put("nth_child", 2).put("nth_of_type", 1);
            elements.addObject().put("tag_name", "form").put("attr__id", "checkout").put("nth_child", 1).put("nth_of_type", 1);
            elements.addObject().put("tag_name", "body").put("nth_child", 2).put("nth_of_type", 1);
            return elements;
        }

        @Test
        void elementsAreEncodedIntoAChainWhenNoChainIsSent() {
            ClickEvent event = accepted(withElements(documentedElements()));

            assertThat(event.elementsChain()).isEqualTo(
                    "button.btn.primary:attr__class=\"btn primary\"attr__type=\"submit\"nth-child=\"2\"nth-of-type=\"1\"text=\"Pay\";"
                            + "form:attr__id=\"checkout\"attr_id=\"checkout\"nth-child=\"1\"nth-of-type=\"1\";"
                            + "body:nth-child=\"2\"nth-of-type=\"1\"");
            assertThat(event.properties()).doesNotContain("$elements");
        }

        @Test
        void aSentChainWinsOverElementsAndIsStoredVerbatim() {
            ObjectNode message = withElements(documentedElements());
            ((ObjectNode) message.get("properties")).put("$elements_chain", "odd  chain;;");

            assertThat(accepted(message).elementsChain()).isEqualTo("odd  chain;;");
        }

        @Test
        void textIsCutTo400AndHrefTo2048CharactersButOtherAttributesAreNot() {
            ArrayNode elements = JSON.createArrayNode();
            elements.addObject().put("tag_name", "a").put("$el_text", "t".repeat(500)).put("attr__href", "h".repeat(3000))
                    .put("attr__title", "x".repeat(3000));

            String chain = accepted(withElements(elements)).elementsChain();

            assertThat(chain).contains("text=\"" + "t".repeat(400) + "\"").doesNotContain("t".repeat(401));
            assertThat(chain).contains("href=\"" + "h".repeat(2048) + "\"");
            assertThat(chain).contains("attr__href=\"" + "h".repeat(3000) + "\"");
            assertThat(chain).contains("attr__title=\"" + "x".repeat(3000) + "\"");
        }

        @Test
        void aClassArrayIsTakenAsItIs() {
            ArrayNode elements = JSON.createArrayNode();
            ObjectNode link = elements.addObject().put("tag_name", "a");
            link.putArray("attr__class").add("b").add("a");

            assertThat(accepted(withElements(elements)).elementsChain())
                    .isEqualTo("a.a.b:attr__class=\"b a\"nth-child=\"0\"nth-of-type=\"0\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "\"div\"", "[null]", "[{\"tag_name\": 5}]", "[{\"$el_text\": 1}]", "[{\"attr__id\": 3}]",
                "[{\"nth_child\": \"2\"}]", "[{\"attr__class\": [1]}]", "[{\"tag_name\": \"a\"}, 7]"})
        void malformedElementsGiveTheEmptyChainAndTheEventIsStillStored(String elements) throws Exception {
            ClickEvent event = accepted(withElements((ArrayNode) JSON.readTree("[]")).set("properties",
                    JSON.createObjectNode().set("$elements", JSON.readTree(elements))));

            assertThat(event.elementsChain()).isEmpty();
        }
    }

    @Nested
    class BadMessages {
        @Test
        void moreThanOneMebibyteIsTooLarge() {
            ObjectNode message = plainEvent();
            ((ObjectNode) message.get("properties")).put("padding", "p".repeat(EventReader.MAX_MESSAGE_BYTES));

            assertThat(rejected(message).code()).isEqualTo(Code.TOO_LARGE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "not json", "{\"event\": ", "{} trailing", "[1, 2]", "\"a string\"", "42", "null"})
        void anythingButOneJsonObjectIsInvalidJson(String message) {
            assertThat(rejected(message).code()).isEqualTo(Code.INVALID_JSON);
        }

        @Test
        void invalidUtf8IsInvalidJson() {
            byte[] message = {'{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

            assertThat(((ReadResult.Rejected) read(message)).rejection().code()).isEqualTo(Code.INVALID_JSON);
        }

        @Test
        void aMissingEventIsAMissingFieldAndANonStringOneAnInvalidField() {
            ObjectNode message = plainEvent();
            message.remove("event");

            assertThat(rejected(message)).isEqualTo(new Rejection(Code.MISSING_FIELD, "event is required"));
            assertThat(rejected(plainEvent().put("event", 3)).code()).isEqualTo(Code.INVALID_FIELD);
        }

        @Test
        void everyReasonCodeHasItsStableWireName() {
            assertThat(Code.values()).extracting(Code::wireName)
                    .containsExactly("invalid_json", "missing_field", "invalid_field", "unknown_environment", "too_large");
        }
    }
}
