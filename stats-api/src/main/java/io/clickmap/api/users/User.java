package io.clickmap.api.users;

import io.clickmap.event.Uuids;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A person behind personal API keys (PostHog's user), whom insights name as creator and last editor. Names and
 * e-mail have PostHog's bounds; control characters are refused everywhere, since listings are tab-separated.
 */
public record User(long id, String uuid, String email, String firstName, String lastName, Instant createdAt) {
    static final int MAX_EMAIL = 254;
    static final int MAX_NAME = 150;
    // Deliberately loose (mail servers decide what exists): one @, no spaces, a domain of at least two labels.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    public User {
        if (id < 1 || id > UserIds.MAX) {
            throw new IllegalArgumentException("a user id is an integer from 1 to " + UserIds.MAX + ", not " + id);
        }
        if (uuid == null || !Uuids.isCanonical(uuid)) {
            throw new IllegalArgumentException("a user's uuid is 8-4-4-4-12 hexadecimal digits, not " + uuid);
        }
        if (email == null || email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("an e-mail address looks like name@example.com (at most " + MAX_EMAIL + " characters), not '"
                    + email + "'");
        }
        if (firstName == null || firstName.isBlank()) {
            throw new IllegalArgumentException("a user needs a first name");
        }
        checkName("first", firstName);
        checkName("last", lastName);
        if (createdAt == null) {
            throw new IllegalArgumentException("a user needs a creation time");
        }
    }

    private static void checkName(String which, String name) {
        if (name == null || name.length() > MAX_NAME || CONTROL.matcher(name).find()) {
            throw new IllegalArgumentException("a " + which + " name has at most " + MAX_NAME + " characters and no control characters");
        }
    }
}
