package io.clickmap.api.auth;

import static io.clickmap.api.config.Settings.blankToNull;
import static io.clickmap.api.config.Settings.require;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/** Keys and the environments they reach: how long a lookup is trusted, and what a local run bootstraps. */
@ConfigurationProperties("clickmap")
public record AuthConfig(
        @Nullable Duration apiKeyCacheTtl,
        @Nullable String bootstrapApiKey,
        @Nullable String bootstrapEnvironment) {

    // Revocation must take effect within a bounded time: a key cached for hours would outlive it.
    public static final Duration MAX_API_KEY_CACHE_TTL = Duration.ofMinutes(5);

    public AuthConfig {
        apiKeyCacheTtl = apiKeyCacheTtl == null ? Duration.ofSeconds(10) : apiKeyCacheTtl;
        bootstrapApiKey = blankToNull(bootstrapApiKey);
        bootstrapEnvironment = blankToNull(bootstrapEnvironment);
        require(!apiKeyCacheTtl.isNegative() && apiKeyCacheTtl.compareTo(MAX_API_KEY_CACHE_TTL) <= 0, "clickmap.api-key-cache-ttl",
                "must be between 0 and " + MAX_API_KEY_CACHE_TTL.toMinutes() + " minutes, so that revoking a key takes effect soon");
    }

    @Override
    public String toString() {
        return "AuthConfig[apiKeyCacheTtl=" + apiKeyCacheTtl + ", bootstrapApiKey=" + (bootstrapApiKey == null ? "none" : "set")
                + ", bootstrapEnvironment=" + (bootstrapEnvironment == null ? "none" : "set") + "]";
    }
}
