package io.clickmap.api.auth;

/**
 * What a valid sharing access token lets its holder do: read one insight of one environment, nothing else, with
 * or without the details the share hides ({@code hideExtraDetails}: who made and changed it, and when).
 */
public record ShareGrant(long environmentId, long insightId, boolean hidesExtraDetails) {
}
