package io.clickmap.api.elements;

/** An element of one environment as stored: its id and its fields. */
record StoredElement(long id, ElementValues values) {
}
