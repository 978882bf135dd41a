package io.clickmap.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A validated click event, ready to store: the environment resolved, the timestamp in UTC, the chain
 * built. {@code properties} is the event's properties as JSON text without {@code $elements} and
 * {@code $elements_chain}; {@code scalarProperties} are its top-level string, number and boolean
 * properties as text (other than {@code $current_url}, which has its own field), for exact filters.
 */
public record ClickEvent(
        UUID uuid,
        long teamId,
        String event,
        Instant timestamp,
        String distinctId,
        String currentUrl,
        String elementsChain,
        String properties,
        Map<String, String> scalarProperties) {
}
