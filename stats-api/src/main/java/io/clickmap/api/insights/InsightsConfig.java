package io.clickmap.api.insights;

import static io.clickmap.api.config.Settings.require;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** The insights feature's one setting: how much memory the environments' current insights may take. */
@ConfigurationProperties("clickmap")
public record InsightsConfig(@Nullable Long insightCacheBytes) {

    public InsightsConfig {
        insightCacheBytes = insightCacheBytes == null ? 64L << 20 : insightCacheBytes;
        require(insightCacheBytes >= 0, "clickmap.insight-cache-bytes", "must not be negative");
    }
}
