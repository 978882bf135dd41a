package io.clickmap.api.elements;

import java.util.List;
import java.util.Map;

/**
 * What one request body says about an element: for each field, whether it was sent and its checked value
 * (null is a value: it clears the field). Applied to the current element, fields not sent keep their value;
 * that is all PATCH needs, and POST applies it to {@link ElementValues#EMPTY}.
 */
record ElementChange(
        Field<String> text,
        Field<String> tagName,
        Field<List<String>> attrClass,
        Field<String> href,
        Field<String> attrId,
        Field<Integer> nthChild,
        Field<Integer> nthOfType,
        Field<Map<String, String>> attributes,
        Field<Integer> order) {

    ElementValues applyTo(ElementValues current) {
        return new ElementValues(text.or(current.text()), tagName.or(current.tagName()), attrClass.or(current.attrClass()),
                href.or(current.href()), attrId.or(current.attrId()), nthChild.or(current.nthChild()),
                nthOfType.or(current.nthOfType()), attributes.or(current.attributes()), order.or(current.order()));
    }

    /** One field of a body: sent with a value (maybe null), or not sent at all. */
    record Field<T>(boolean sent, T value) {
        static <T> Field<T> notSent() {
            return new Field<>(false, null);
        }

        static <T> Field<T> of(T value) {
            return new Field<>(true, value);
        }

        T or(T current) {
            return sent ? value : current;
        }
    }
}
