package io.clickmap.capture.batch;

import java.time.Instant;

/**
 * What capture knows of a request besides its events, written into every envelope: the client's address,
 * the capture host's URL, the time the request arrived, and the client's sending time when the query's
 * {@code _} (milliseconds, as posthog-js sends it) gives one.
 */
public record Arrival(String ip, String siteUrl, Instant now, Instant sentAt) {
}
