package io.clickmap.api.toolbar;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The page a launch link opens: an absolute http(s) URL with a host, split at its fragment, since the link's own
 * fragment carries the toolbar's parameters (posthog-js puts the page's fragment back from {@code desiredHash}).
 */
record PageUrl(String withoutFragment, String fragment) {
    static final int MAX_LENGTH = 2048;
    static final String RULE = "url must be an absolute http or https URL of at most " + MAX_LENGTH + " characters.";

    /** The URL, or {@link IllegalArgumentException} with {@link #RULE} as its message. */
    static PageUrl parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(RULE);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(RULE, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            throw new IllegalArgumentException(RULE);
        }
        int hash = text.indexOf('#');
        return hash < 0 ? new PageUrl(text, "") : new PageUrl(text.substring(0, hash), text.substring(hash + 1));
    }
}
