package io.clickmap.toolbar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The toolbar's script as a service jar packages it ({@code static/toolbar.js}, copied from {@code toolbar/dist} by
 * the stats API's and capture's builds), with its validator: both services serve the same file, posthog-js asking
 * capture (the page's api_host) and a page whose ui_host is the stats API asking that.
 */
public final class ToolbarScript {
    public static final String RESOURCE = "static/toolbar.js";
    /** Cached briefly and revalidated by its ETag, so a new build reaches pages within minutes. */
    public static final String CACHE_CONTROL = "public, max-age=300";

    private final byte[] bytes;
    private final String etag;

    private ToolbarScript(byte[] bytes) {
        this.bytes = bytes;
        this.etag = etag(bytes);
    }

    /** The packaged script; empty for a jar built without it. */
    public static Optional<ToolbarScript> packaged() {
        try (InputStream in = ToolbarScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return in == null ? Optional.empty() : Optional.of(new ToolbarScript(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + " from the jar", e);
        }
    }

    public byte[] bytes() {
        return bytes;
    }

    public String etag() {
        return etag;
    }

    /** Whether a client's {@code If-None-Match} names this script, so a 304 answers it. */
    public boolean isHeldBy(Optional<String> ifNoneMatch) {
        return ifNoneMatch.filter(etag::equals).isPresent();
    }

    /** A strong validator: the first 128 bits of the script's SHA-256, quoted. */
    private static String etag(byte[] script) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(script), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
