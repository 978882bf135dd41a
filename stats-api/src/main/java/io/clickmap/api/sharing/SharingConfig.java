package io.clickmap.api.sharing;

import static io.clickmap.api.config.Settings.require;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/** Sharing's one setting: how long a token replaced by {@code …/sharing/refresh/} keeps working. */
@ConfigurationProperties("clickmap")
public record SharingConfig(@Nullable Duration sharingTokenGrace) {

    // A refresh is how a leaked link is ended: its old token must not live on for long.
    public static final Duration MAX_SHARING_TOKEN_GRACE = Duration.ofHours(24);

    public SharingConfig {
        sharingTokenGrace = sharingTokenGrace == null ? Duration.ofMinutes(10) : sharingTokenGrace;
        require(!sharingTokenGrace.isNegative() && sharingTokenGrace.compareTo(MAX_SHARING_TOKEN_GRACE) <= 0, "clickmap.sharing-token-grace",
                "must be between 0 and " + MAX_SHARING_TOKEN_GRACE.toHours() + " hours, so that a refreshed link ends soon");
    }
}
