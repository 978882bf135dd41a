package io.clickmap.api.insights;

import java.util.List;
import java.util.TreeSet;

/** What {@code bulk_update_tags} does with the tags it is sent to each insight's tags. */
enum TagAction {
    ADD("add"), REMOVE("remove"), SET("set");

    final String wireName;

    TagAction(String wireName) {
        this.wireName = wireName;
    }

    /** The action named so, or null. */
    static TagAction named(String name) {
        for (TagAction action : values()) {
            if (action.wireName.equals(name)) {
                return action;
            }
        }
        return null;
    }

    /** The tags after the action; both lists are normalised ({@link Tags}), and so is the result. */
    List<String> apply(List<String> current, List<String> sent) {
        TreeSet<String> tags = new TreeSet<>(this == SET ? List.of() : current);
        if (this == REMOVE) {
            tags.removeAll(sent);
        } else {
            tags.addAll(sent);
        }
        return List.copyOf(tags);
    }
}
