package io.clickmap.api.insights;

import io.clickmap.api.web.BodyField;
import java.util.List;
import java.util.Objects;

/**
 * What one request body says about an insight: for each writable field, whether it was sent and its checked
 * value. Fields not sent keep their value (PATCH); a create applies it to {@link InsightFields#EMPTY}.
 */
record InsightChange(
        BodyField<String> name,
        BodyField<String> derivedName,
        BodyField<String> description,
        BodyField<SavedQuery> query,
        BodyField<Long> order,
        BodyField<Boolean> deleted,
        BodyField<Boolean> favorited,
        BodyField<List<String>> tags,
        BodyField<String> createInFolder) {

    InsightFields applyTo(InsightFields current) {
        return new InsightFields(name.or(current.name()), derivedName.or(current.derivedName()), description.or(current.description()),
                query.or(current.query()), order.or(current.order()), deleted.or(current.deleted()), favorited.or(current.favorited()),
                tags.or(current.tags()), createInFolder.or(current.createInFolder()));
    }

    /** Whether the body says {@code "deleted": false}: the one write a soft-deleted insight accepts. */
    boolean restores() {
        return deleted.sent() && Boolean.FALSE.equals(deleted.value());
    }

    /** Whether a write from {@code before} to {@code after} moves {@code last_modified_at/by}: PostHog's material fields. */
    static boolean isMaterial(InsightFields before, InsightFields after) {
        return !Objects.equals(before.name(), after.name()) || !Objects.equals(before.description(), after.description())
                || !Objects.equals(before.query(), after.query()) || before.deleted() != after.deleted();
    }
}
