package io.clickmap.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes element objects as an elements chain, byte for byte as PostHog's encoder does: classes and
 * attribute keys sorted by code point, the positional attributes always present, quotes in keys and
 * values escaped (backslashes are not).
 */
public final class ChainEncoder {
    private ChainEncoder() {
    }

    public static String encode(List<Element> elements) {
        StringBuilder chain = new StringBuilder(elements.size() * 64);
        for (Element element : elements) {
            if (chain.length() > 0) {
                chain.append(';');
            }
            appendElement(chain, element);
        }
        return chain.toString();
    }

    private static void appendElement(StringBuilder chain, Element element) {
        if (element.tagName() != null) {
            chain.append(element.tagName());
        }
        if (element.attrClass() != null) {
            List<String> classes = new ArrayList<>(element.attrClass());
            classes.sort(CodePointOrder.INSTANCE);
            for (String name : classes) {
                chain.append('.').append(name.replace("\"", ""));
            }
        }
        chain.append(':');
        for (Map.Entry<String, String> pair : pairs(element).entrySet()) {
            appendEscaped(chain, pair.getKey());
            chain.append("=\"");
            appendEscaped(chain, pair.getValue());
            chain.append('"');
        }
    }

    private static Map<String, String> pairs(Element element) {
        Map<String, String> pairs = new TreeMap<>(CodePointOrder.INSTANCE);
        if (isPresent(element.text())) {
            pairs.put("text", element.text());
        }
        pairs.put("nth-child", String.valueOf(element.nthChild() == null ? 0 : element.nthChild()));
        pairs.put("nth-of-type", String.valueOf(element.nthOfType() == null ? 0 : element.nthOfType()));
        if (isPresent(element.href())) {
            pairs.put("href", element.href());
        }
        if (isPresent(element.attrId())) {
            pairs.put("attr_id", element.attrId());
        }
        pairs.putAll(element.attributes());
        return pairs;
    }

    private static boolean isPresent(String value) {
        return value != null && !value.isEmpty();
    }

    private static void appendEscaped(StringBuilder chain, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                chain.append('\\');
            }
            chain.append(c);
        }
    }
}
