package io.clickmap.api.toolbar;

import static io.clickmap.api.config.Settings.require;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/** The toolbar's one setting: how long the token a launch link carries may read an environment's clicks. */
@ConfigurationProperties("clickmap")
public record ToolbarConfig(@Nullable Duration toolbarTokenLifetime) {

    public static final Duration MIN_TOOLBAR_TOKEN_LIFETIME = Duration.ofMinutes(1);
    // The token sits in a page's URL and localStorage: it must end on its own, soon.
    public static final Duration MAX_TOOLBAR_TOKEN_LIFETIME = Duration.ofHours(24);

    public ToolbarConfig {
        toolbarTokenLifetime = toolbarTokenLifetime == null ? Duration.ofHours(1) : toolbarTokenLifetime;
        require(toolbarTokenLifetime.compareTo(MIN_TOOLBAR_TOKEN_LIFETIME) >= 0 && toolbarTokenLifetime.compareTo(MAX_TOOLBAR_TOKEN_LIFETIME) <= 0,
                "clickmap.toolbar-token-lifetime", "must be between " + MIN_TOOLBAR_TOKEN_LIFETIME.toMinutes() + " minute and "
                        + MAX_TOOLBAR_TOKEN_LIFETIME.toHours() + " hours, so that a leaked launch link ends soon");
    }
}
