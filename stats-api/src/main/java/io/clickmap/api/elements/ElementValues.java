package io.clickmap.api.elements;

import io.clickmap.chain.Element;
import java.util.List;
import java.util.Map;

/**
 * The nine fields of an element object, as the API shows them: missing values are null, {@code attributes}
 * is never null (maybe empty, in the order given). {@code order} is nullable because an element created
 * through the CRUD API may have none; one decoded from a chain always has its position.
 * Collections are kept as given: callers pass unmodifiable ones.
 */
public record ElementValues(
        String text,
        String tagName,
        List<String> attrClass,
        String href,
        String attrId,
        Integer nthChild,
        Integer nthOfType,
        Map<String, String> attributes,
        Integer order) {

    /** An element with every field missing: what {@code POST {}} creates. */
    static final ElementValues EMPTY = new ElementValues(null, null, null, null, null, null, null, Map.of(), null);

    public ElementValues {
        attributes = attributes == null ? Map.of() : attributes;
    }

    /** The element of a decoded chain, at its position in that chain. */
    public static ElementValues of(Element element) {
        return new ElementValues(element.text(), element.tagName(), element.attrClass(), element.href(), element.attrId(),
                element.nthChild(), element.nthOfType(), element.attributes(), element.order());
    }
}
