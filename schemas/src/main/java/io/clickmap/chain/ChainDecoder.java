package io.clickmap.chain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an elements chain into element objects, as docs/elements-chain.md describes. One forward scan,
 * no regular expressions: every character is looked at a bounded number of times, so hostile chains
 * cost time linear in their (capped) length. Never throws on any input string.
 */
public final class ChainDecoder {
    /** Longer chains are cut; the cut prefers whole elements when that keeps at least half the window. */
    public static final int MAX_LENGTH = 16_384;
    private static final int MIN_WHOLE_ELEMENTS_CUT = 8_192;

    private ChainDecoder() {
    }

    public static List<Element> decode(String chain) {
        if (chain == null || chain.isEmpty()) {
            return List.of();
        }
        String s = capped(chain);
        List<Element> elements = new ArrayList<>(8);
        int n = s.length();
        int lastQuote = s.lastIndexOf('"');
        int tokenStart = -1;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                int close = closingQuote(s, i, lastQuote);
                if (close < 0) {
                    // A quote that never closes cannot belong to an element: it separates, and is dropped.
                    if (tokenStart >= 0) {
                        elements.add(element(s, tokenStart, i, elements.size()));
                        tokenStart = -1;
                    }
                    i++;
                    continue;
                }
                if (tokenStart < 0) {
                    tokenStart = i;
                }
                i = close + 1;
            } else if (c == ';' || isSpace(c)) {
                if (tokenStart >= 0) {
                    elements.add(element(s, tokenStart, i, elements.size()));
                    tokenStart = -1;
                }
                i++;
            } else {
                if (tokenStart < 0) {
                    tokenStart = i;
                }
                i++;
            }
        }
        if (tokenStart >= 0) {
            elements.add(element(s, tokenStart, n, elements.size()));
        }
        return elements;
    }

    /** The chain cut to {@link #MAX_LENGTH} characters (code points), at the last {@code ;} when that lies past half. */
    static String capped(String chain) {
        if (chain.length() <= MAX_LENGTH || chain.codePointCount(0, chain.length()) <= MAX_LENGTH) {
            return chain;
        }
        String window = chain.substring(0, chain.offsetByCodePoints(0, MAX_LENGTH));
        int lastSemicolon = window.lastIndexOf(';');
        if (lastSemicolon >= 0 && window.codePointCount(0, lastSemicolon) > MIN_WHOLE_ELEMENTS_CUT) {
            return window.substring(0, lastSemicolon);
        }
        return window;
    }

    /**
     * Where the quoted run opened at {@code open} ends. Inside quotes a backslash escapes the next
     * character; when no unescaped quote follows, the run ends at the chain's last quote instead
     * (what PostHog's backtracking regex settles on), and with no quote after {@code open}, it is unmatched (-1).
     */
    private static int closingQuote(String s, int open, int lastQuote) {
        int n = s.length();
        int j = open + 1;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == '"') {
                return j;
            } else {
                j++;
            }
        }
        return lastQuote > open ? lastQuote : -1;
    }

    private static Element element(String s, int start, int end, int order) {
        int split = attributesColon(s, start, end);
        int tagEnd = split < 0 ? end : split;
        String tagName = null;
        List<String> classes = null;
        if (tagEnd > start) {
            int dot = indexOf(s, '.', start, tagEnd);
            if (dot < 0) {
                tagName = s.substring(start, tagEnd);
            } else {
                tagName = s.substring(start, dot);
                classes = classes(s, dot + 1, tagEnd);
            }
        }
        String text = null;
        String href = null;
        String attrId = null;
        Integer nthChild = null;
        Integer nthOfType = null;
        Map<String, String> attributes = new LinkedHashMap<>();
        int pos = split < 0 ? end : split + 1;
        while (pos < end) {
            int keyEnd = indexOfEqualsQuote(s, pos, end);
            if (keyEnd < 0) {
                break;
            }
            int valueStart = keyEnd + 2;
            int valueEnd = valueStart;
            while (valueEnd < end && (s.charAt(valueEnd) != '"' || s.charAt(valueEnd - 1) == '\\')) {
                valueEnd++;
            }
            if (valueEnd >= end) {
                break;
            }
            switch (NamedKey.at(s, pos, keyEnd)) {
                case TEXT -> text = s.substring(valueStart, valueEnd);
                case HREF -> href = s.substring(valueStart, valueEnd);
                case ATTR_ID -> attrId = s.substring(valueStart, valueEnd);
                case NTH_CHILD -> nthChild = parseInteger(s, valueStart, valueEnd);
                case NTH_OF_TYPE -> nthOfType = parseInteger(s, valueStart, valueEnd);
                case NONE -> {
                    if (keyEnd > pos) {
                        attributes.put(s.substring(pos, keyEnd), s.substring(valueStart, valueEnd));
                    }
                }
            }
            pos = valueEnd + 1;
        }
        return new Element(text, tagName, classes, href, attrId, nthChild, nthOfType, attributes, order);
    }

    /** The keys that map to fields, recognised in place: most pairs in a chain are these. */
    private enum NamedKey {
        TEXT("text"), HREF("href"), ATTR_ID("attr_id"), NTH_CHILD("nth-child"), NTH_OF_TYPE("nth-of-type"), NONE("");

        private static final NamedKey[] ALL = values();
        private final String key;

        NamedKey(String key) {
            this.key = key;
        }

        static NamedKey at(String s, int start, int end) {
            int length = end - start;
            for (NamedKey named : ALL) {
                if (named.key.length() == length && length > 0 && s.startsWith(named.key, start)) {
                    return named;
                }
            }
            return NONE;
        }
    }

    /** The first {@code :} followed by {@code [A-Za-z0-9_-]*=}: class names may contain colons, keys may not. */
    private static int attributesColon(String s, int start, int end) {
        for (int k = start; k < end; k++) {
            if (s.charAt(k) == ':') {
                int m = k + 1;
                while (m < end && isKeyChar(s.charAt(m))) {
                    m++;
                }
                if (m < end && s.charAt(m) == '=') {
                    return k;
                }
                k = m - 1;
            }
        }
        return -1;
    }

    private static List<String> classes(String s, int start, int end) {
        List<String> classes = new ArrayList<>(4);
        int pieceStart = start;
        for (int k = start; k <= end; k++) {
            if (k == end || s.charAt(k) == '.') {
                if (k > pieceStart) {
                    classes.add(s.substring(pieceStart, k));
                }
                pieceStart = k + 1;
            }
        }
        return classes;
    }

    private static int indexOf(String s, char wanted, int start, int end) {
        for (int k = start; k < end; k++) {
            if (s.charAt(k) == wanted) {
                return k;
            }
        }
        return -1;
    }

    private static int indexOfEqualsQuote(String s, int start, int end) {
        for (int k = start; k + 1 < end; k++) {
            if (s.charAt(k) == '=' && s.charAt(k + 1) == '"') {
                return k;
            }
        }
        return -1;
    }

    static Integer parseInteger(String value) {
        return parseInteger(value, 0, value.length());
    }

    /** An optionally signed run of ASCII digits within 32 bits; anything else is not a position. */
    private static Integer parseInteger(String value, int start, int end) {
        int k = start;
        boolean negative = false;
        if (end > k && (value.charAt(k) == '-' || value.charAt(k) == '+')) {
            negative = value.charAt(k) == '-';
            k++;
        }
        if (k == end || end - k > 10) {
            return null;
        }
        long result = 0;
        for (; k < end; k++) {
            char c = value.charAt(k);
            if (c < '0' || c > '9') {
                return null;
            }
            result = result * 10 + (c - '0');
        }
        result = negative ? -result : result;
        return result < Integer.MIN_VALUE || result > Integer.MAX_VALUE ? null : (int) result;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /** Python's {@code str.isspace}, which PostHog's splitting regex uses. */
    private static boolean isSpace(char c) {
        if (c > ' ' && c < 0x80) {
            return false;
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}
