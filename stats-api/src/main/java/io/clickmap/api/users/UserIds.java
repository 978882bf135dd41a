package io.clickmap.api.users;

import java.security.SecureRandom;

/**
 * User ids, 53 bits at most, so JavaScript holds them exactly. The two users Clickmap stores itself have fixed
 * ids, so every process names them without asking ClickHouse (migration V006 writes the same ones). A created
 * user's id is random rather than {@code max(id)+1}, which two CLI runs at once would both take, and rather
 * than a {@code RowIds} one: every CLI run is a process with a random writer id of its own, so two runs in the
 * same millisecond would share an id once in 1,024. Users are few, and among 10,000 of them two share a random
 * id with a probability below 10⁻⁸.
 */
public final class UserIds {
    /** The bootstrap key's user (BootstrapAccess). */
    public static final long BOOTSTRAP = 1;
    /** The user of every other key stored before keys had users. */
    public static final long LEGACY_KEYS = 2;
    /** Ids below are kept for users Clickmap stores itself. */
    static final long FIRST_RANDOM = 1_000;
    public static final long MAX = (1L << 53) - 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private UserIds() {
    }

    public static long random() {
        return RANDOM.nextLong(FIRST_RANDOM, MAX + 1);
    }
}
