package io.clickmap.api.auth;

import java.util.List;

/** The scopes a personal API key may hold; {@code *} stands for all of them. */
public final class Scopes {
    public static final String ELEMENT_READ = "element:read";
    public static final String ELEMENT_WRITE = "element:write";
    public static final String ALL = "*";
    public static final List<String> KNOWN = List.of(ELEMENT_READ, ELEMENT_WRITE, ALL);

    private Scopes() {
    }

    public static boolean isKnown(String scope) {
        return KNOWN.contains(scope);
    }
}
