package io.clickmap.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Test messages in the shapes of docs/events.md, built field by field so each test shows what it varies. */
final class ClickMessages {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CHAIN = "button.buy:nth-child=\"1\"nth-of-type=\"1\"text=\"Buy\";body:nth-child=\"2\"nth-of-type=\"1\"";

    private ClickMessages() {
    }

    static ObjectNode click(String type, UUID uuid, String distinctId) {
        ObjectNode event = JSON.createObjectNode();
        event.put("uuid", uuid.toString());
        event.put("event", type);
        event.put("distinct_id", distinctId);
        event.put("team_id", 1);
        event.put("timestamp", "2026-11-20T10:15:30.123Z");
        ObjectNode properties = event.putObject("properties");
        properties.put("$current_url", "https://shop.example.com/cart");
        properties.put("$elements_chain", CHAIN);
        return event;
    }

    static ObjectNode autocapture(int n) {
        return click("$autocapture", uuidFor(n), "user-" + (n % 17));
    }

    /** PostHog's capture envelope around an event. */
    static ObjectNode envelope(ObjectNode event) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("uuid", event.path("uuid").asText());
        envelope.put("distinct_id", event.path("distinct_id").asText());
        envelope.put("ip", "127.0.0.1");
        envelope.put("site_url", "https://shop.example.com");
        envelope.put("data", event.toString());
        envelope.put("now", "2026-11-20T10:15:30.123Z");
        envelope.put("token", "phc_shop");
        return envelope;
    }

    static UUID uuidFor(int n) {
        return new UUID(0x0190b3c46f0e7a55L, n);
    }
}
