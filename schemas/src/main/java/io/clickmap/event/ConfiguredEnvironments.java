package io.clickmap.event;

import java.util.Map;
import java.util.OptionalLong;

/** A fixed set of environments, id → project token, e.g. from ingest's configuration. */
public record ConfiguredEnvironments(Map<Long, String> tokensById) implements Environments {

    public ConfiguredEnvironments {
        tokensById = Map.copyOf(tokensById);
    }

    @Override
    public boolean exists(long teamId) {
        return tokensById.containsKey(teamId);
    }

    @Override
    public OptionalLong byToken(String token) {
        return tokensById.entrySet().stream()
                .filter(entry -> entry.getValue().equals(token))
                .mapToLong(Map.Entry::getKey)
                .findFirst();
    }
}
