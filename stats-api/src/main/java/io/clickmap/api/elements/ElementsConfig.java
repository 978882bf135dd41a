package io.clickmap.api.elements;

import static io.clickmap.api.config.Settings.require;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** The elements feature's one setting: the writer id new element ids carry (random per process when unset). */
@ConfigurationProperties("clickmap")
public record ElementsConfig(@Nullable Integer elementWriterId) {

    public ElementsConfig {
        require(elementWriterId == null || elementWriterId >= 0 && elementWriterId <= ElementIds.MAX_WRITER, "clickmap.element-writer-id",
                "must be from 0 to " + ElementIds.MAX_WRITER + " (or unset for a random one), so that it fits the bits element ids keep for it");
    }
}
