package io.clickmap.chain;

import java.util.Comparator;

/**
 * Orders strings by Unicode code point, as PostHog's Python encoder sorts them. Java's
 * {@link String#compareTo} compares UTF-16 units, which disagrees for characters above U+FFFF.
 */
final class CodePointOrder implements Comparator<String> {
    static final CodePointOrder INSTANCE = new CodePointOrder();

    private CodePointOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int shared = Math.min(a.length(), b.length());
        for (int i = 0; i < shared; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }
}
