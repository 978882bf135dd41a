package io.clickmap.event;

import java.util.OptionalLong;

/**
 * The environments events may belong to. Implementations may consult a database; when it cannot be
 * reached they throw, so that a dependency outage is retried instead of dead-lettering good events.
 */
public interface Environments {

    boolean exists(long teamId);

    /** The environment whose project token this is. */
    OptionalLong byToken(String token);
}
