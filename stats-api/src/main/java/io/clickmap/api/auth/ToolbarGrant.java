package io.clickmap.api.auth;

/** What a valid toolbar token lets its holder do: read the element stats and values of one environment, nothing else. */
public record ToolbarGrant(long environmentId) {
}
