package io.clickmap.api.trends;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The cache key of a query: the environment and the query with its object keys sorted, hashed, so the same
 * question asked with keys in another order, by another client or with another {@code client_query_id}, finds
 * the same result. PostHog calls it {@code filters_hash}.
 */
final class FiltersHash {
    private FiltersHash() {
    }

    static String of(long environmentId, JsonNode query) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((environmentId + "\n" + canonical(query)).getBytes(StandardCharsets.UTF_8));
            return "cache_" + HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                if (!name.equals("client_query_id")) {
                    sorted.set(name, canonical(node.get(name)));
                }
            }
            return sorted;
        }
        if (node.isArray()) {
            var array = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> array.add(canonical(element)));
            return array;
        }
        return node;
    }
}
