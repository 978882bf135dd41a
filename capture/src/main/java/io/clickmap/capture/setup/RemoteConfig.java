package io.clickmap.capture.setup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project settings posthog-js asks for at start-up, as PostHog answers them, set to what Clickmap
 * counts: autocapture on (the SDK sends no {@code $autocapture} until the remote config says so), dead
 * clicks on, chains as strings only (no legacy {@code $elements} arrays), gzip accepted, and everything
 * Clickmap does not serve — session recording, surveys, heatmaps, site apps, flags — off.
 */
final class RemoteConfig {
    private RemoteConfig() {
    }

    static Map<String, Object> of(String token) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("token", token);
        config.put("supportedCompression", List.of("gzip-js", "base64"));
        config.put("autocapture_opt_out", false);
        config.put("captureDeadClicks", true);
        config.put("elementsChainAsString", true);
        config.put("autocaptureExceptions", false);
        config.put("capturePerformance", false);
        config.put("heatmaps", false);
        config.put("sessionRecording", false);
        config.put("surveys", false);
        config.put("hasFeatureFlags", false);
        config.put("siteApps", List.of());
        return config;
    }
}
