package io.clickmap.chain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of an elements chain, as PostHog's toolbar sees it. {@code order} is 0 for the clicked
 * element and counts outwards through its ancestors. Missing values are null, except
 * {@code attributes} (never null, maybe empty, in chain order).
 */
public record Element(
        String text,
        String tagName,
        List<String> attrClass,
        String href,
        String attrId,
        Integer nthChild,
        Integer nthOfType,
        Map<String, String> attributes,
        int order) {

    public Element {
        attrClass = attrClass == null ? null : Collections.unmodifiableList(attrClass);
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(attributes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Same element with other attributes; used by trimming. */
    public Element withAttributes(Map<String, String> kept) {
        return new Element(text, tagName, attrClass, href, attrId, nthChild, nthOfType, kept, order);
    }

    /** Fluent construction for tests and for events that carry {@code $elements} instead of a chain. */
    public static final class Builder {
        private String text;
        private String tagName;
        private List<String> attrClass;
        private String href;
        private String attrId;
        private Integer nthChild;
        private Integer nthOfType;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private int order;

        public Builder text(String value) {
            text = value;
            return this;
        }

        public Builder tagName(String value) {
            tagName = value;
            return this;
        }

        public Builder attrClass(List<String> value) {
            attrClass = value;
            return this;
        }

        public Builder attrClass(String... value) {
            attrClass = List.of(value);
            return this;
        }

        public Builder href(String value) {
            href = value;
            return this;
        }

        public Builder attrId(String value) {
            attrId = value;
            return this;
        }

        public Builder nthChild(Integer value) {
            nthChild = value;
            return this;
        }

        public Builder nthOfType(Integer value) {
            nthOfType = value;
            return this;
        }

        public Builder attribute(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        public Builder order(int value) {
            order = value;
            return this;
        }

        public Element build() {
            return new Element(text, tagName, attrClass, href, attrId, nthChild, nthOfType, new LinkedHashMap<>(attributes), order);
        }
    }
}
