package io.clickmap.api.cli;

import io.clickmap.api.toolbar.LaunchLink;
import io.clickmap.api.toolbar.ToolbarLauncher;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/**
 * {@code toolbar launch|revoke}: a launch link for a page, made by an operator (no key stands behind its token, so only
 * its expiry or {@code revoke} ends it), and the end of every toolbar token of an environment. The link's stats API
 * address is {@code --api-url}, else this machine's stats API on its configured port.
 */
final class ToolbarCommand {
    private final ToolbarLauncher launcher;
    private final String localApiUrl;
    private final PrintStream out;

    ToolbarCommand(ToolbarLauncher launcher, String localApiUrl, PrintStream out) {
        this.launcher = launcher;
        this.localApiUrl = localApiUrl;
        this.out = out;
    }

    int run(String action, List<String> options) {
        switch (action) {
            case "launch" -> launch(new CliArguments(options, Set.of("environment", "url", "api-url"), Set.of()));
            case "revoke" -> revoke(new CliArguments(options, Set.of("environment"), Set.of()));
            default -> throw new CliArguments.UsageException("unknown toolbar action '" + action + "'");
        }
        return 0;
    }

    private void launch(CliArguments args) {
        long environment = environment(args);
        String apiUrl = apiUrl(args.optional("api-url"));
        LaunchLink link;
        try {
            link = launcher.launchFromCli(environment, args.required("url"), apiUrl);
        } catch (IllegalArgumentException e) {
            throw new CliArguments.UsageException("--" + e.getMessage());
        } catch (IllegalStateException e) {
            throw new CliArguments.UsageException(e.getMessage());
        }
        out.println("url:        " + link.url());
        out.println("expires_at: " + link.expiresAt());
        out.println("Open the URL in a browser: the page's posthog-js loads the toolbar (its api_host must serve /static/toolbar.js),");
        out.println("which reads the clicks through " + apiUrl + ". Anyone with the URL can, until it expires or `toolbar revoke` ends it.");
    }

    private void revoke(CliArguments args) {
        long environment = environment(args);
        long live = launcher.revokeAll(environment);
        out.println("revoked every toolbar token of environment " + environment + " (" + live + " still valid until now)");
    }

    private String apiUrl(String given) {
        String url = given == null ? localApiUrl : given.strip();
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getRawAuthority() == null) {
                throw new URISyntaxException(url, "not an http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new CliArguments.UsageException("--api-url must be the stats API's http(s) base URL, e.g. http://localhost:8000");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static long environment(CliArguments args) {
        try {
            return Long.parseLong(args.required("environment"));
        } catch (NumberFormatException e) {
            throw new CliArguments.UsageException("--environment must be an environment id");
        }
    }
}
