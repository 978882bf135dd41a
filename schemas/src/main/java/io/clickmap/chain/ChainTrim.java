package io.clickmap.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shortens decoded chains for a response: {@code maxDepth} keeps the clicked element and its nearest
 * ancestors; {@code dataAttributes} keeps only {@code attr__<pattern>} attributes ({@code *} matches
 * any run). The named fields (text, tag, classes, href, id, positions) are never trimmed.
 */
public record ChainTrim(Integer maxDepth, List<String> dataAttributes) {
    public static final ChainTrim NONE = new ChainTrim(null, null);
    public static final int MAX_DATA_ATTRIBUTES = 50;

    public ChainTrim {
        dataAttributes = dataAttributes == null ? null : List.copyOf(dataAttributes);
    }

    /** Parses the {@code data_attributes} parameter: a comma list, entries trimmed, blanks dropped, the first 50 kept. */
    public static List<String> parseDataAttributes(String parameter) {
        if (parameter == null) {
            return null;
        }
        return Arrays.stream(parameter.split(","))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .limit(MAX_DATA_ATTRIBUTES)
                .toList();
    }

    public boolean isNone() {
        return maxDepth == null && dataAttributes == null;
    }

    public List<Element> apply(List<Element> elements) {
        if (isNone()) {
            return elements;
        }
        List<Element> kept = maxDepth == null || elements.size() <= maxDepth ? elements : elements.subList(0, maxDepth);
        if (dataAttributes == null) {
            return kept;
        }
        List<Element> trimmed = new ArrayList<>(kept.size());
        for (Element element : kept) {
            Map<String, String> attributes = new LinkedHashMap<>();
            element.attributes().forEach((key, value) -> {
                if (isWantedDataAttribute(key)) {
                    attributes.put(key, value);
                }
            });
            trimmed.add(element.withAttributes(attributes));
        }
        return trimmed;
    }

    private boolean isWantedDataAttribute(String key) {
        if (!key.startsWith("attr__")) {
            return false;
        }
        String name = key.substring("attr__".length());
        for (String pattern : dataAttributes) {
            if (Glob.matches(pattern, name)) {
                return true;
            }
        }
        return false;
    }
}
