package io.clickmap.api.query;

import io.clickmap.chain.Element;

/**
 * One simple selector of a compound selector — a tag, a class, an id, an attribute or a position — tested against
 * one element of a chain. Values compare with the chain's escaping undone ({@link ChainText}), so a selector
 * matches the text the page had. Never throws.
 */
sealed interface ElementCondition {
    // posthog-js stores an element's HTML attributes with this prefix (attr__data-attr); chains built from
    // $elements may carry the bare name.
    String ATTRIBUTE_PREFIX = "attr__";

    boolean holds(Element element);

    /** Case-sensitive, as PostHog matches it: posthog-js writes tags in lower case, React Native keeps component names. */
    record Tag(String name) implements ElementCondition {
        @Override
        public boolean holds(Element element) {
            return name.equals(element.tagName());
        }
    }

    record HasClass(String name) implements ElementCondition {
        @Override
        public boolean holds(Element element) {
            return element.attrClass() != null && element.attrClass().contains(name);
        }
    }

    record HasId(String id) implements ElementCondition {
        @Override
        public boolean holds(Element element) {
            return id.equals(ChainText.unescaped(element.attrId()));
        }
    }

    /** {@code [name]} when {@code value} is null, else {@code [name="value"]}. {@code id} and {@code href} are also the element's own fields. */
    record Attribute(String name, String value) implements ElementCondition {
        @Override
        public boolean holds(Element element) {
            String field = switch (name) {
                case "id" -> element.attrId();
                case "href" -> element.href();
                default -> null;
            };
            return fits(field) || fits(element.attributes().get(ATTRIBUTE_PREFIX + name)) || fits(element.attributes().get(name));
        }

        private boolean fits(String stored) {
            return stored != null && (value == null || value.equals(ChainText.unescaped(stored)));
        }
    }

    record NthChild(int position) implements ElementCondition {
        @Override
        public boolean holds(Element element) {
            return element.nthChild() != null && element.nthChild() == position;
        }
    }

    record NthOfType(int position) implements ElementCondition {
        @Override
        public boolean holds(Element element) {
            return element.nthOfType() != null && element.nthOfType() == position;
        }
    }
}
