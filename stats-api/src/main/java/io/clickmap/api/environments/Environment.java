package io.clickmap.api.environments;

import java.time.Instant;

/** An environment (PostHog's project): the {@code team_id} of its events, a name, and the token producers may send. */
public record Environment(long id, String name, String token, Instant createdAt) {
    public Environment {
        if (id < 1) {
            throw new IllegalArgumentException("an environment id is a positive integer, not " + id);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an environment needs a name");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an environment needs a project token");
        }
    }
}
