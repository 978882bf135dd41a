package io.clickmap.api.elements;

import io.clickmap.api.web.BodyField;
import java.util.List;
import java.util.Map;

/**
 * What one request body says about an element: for each field, whether it was sent and its checked value
 * (null is a value: it clears the field). Applied to the current element, fields not sent keep their value;
 * that is all PATCH needs, and POST applies it to {@link ElementValues#EMPTY}.
 */
record ElementChange(
        BodyField<String> text,
        BodyField<String> tagName,
        BodyField<List<String>> attrClass,
        BodyField<String> href,
        BodyField<String> attrId,
        BodyField<Integer> nthChild,
        BodyField<Integer> nthOfType,
        BodyField<Map<String, String>> attributes,
        BodyField<Integer> order) {

    ElementValues applyTo(ElementValues current) {
        return new ElementValues(text.or(current.text()), tagName.or(current.tagName()), attrClass.or(current.attrClass()),
                href.or(current.href()), attrId.or(current.attrId()), nthChild.or(current.nthChild()),
                nthOfType.or(current.nthOfType()), attributes.or(current.attributes()), order.or(current.order()));
    }
}
