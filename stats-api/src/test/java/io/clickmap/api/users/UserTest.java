package io.clickmap.api.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class UserTest {
    private static final String UUID = "5f0c9a34-1b2e-4c3d-9e8f-a1b2c3d4e5f6";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private static User withEmail(String email) {
        return new User(1_000, UUID, email, "Ada", "", NOW);
    }

    @Test
    void anEmailAddressIsSomethingAtADomainOfTwoLabelsOrMore() {
        for (String good : new String[] {"ada@example.com", "Ada.Lovelace+maps@mail.example.co.uk", "bootstrap@clickmap.local", "zoë@exämple.de"}) {
            assertThat(withEmail(good).email()).isEqualTo(good);
        }
        for (String bad : new String[] {"", "ada", "ada@", "@example.com", "ada@example", "ada@@example.com", "a@b@example.com", "ada@.example.com",
                "ada@example..com", "ada@example.com.", "ada lovelace@example.com", "ada@exam\tple.com", "ada\u0000@example.com",
                "a".repeat(User.MAX_EMAIL - 11) + "@example.com"}) {
            assertThatThrownBy(() -> withEmail(bad)).as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("an e-mail address");
        }
        assertThat(withEmail("a".repeat(User.MAX_EMAIL - 12) + "@example.com").email()).hasSize(User.MAX_EMAIL);
    }

    @Test
    void aUserHasAFirstNameAndNamesWithoutControlCharacters() {
        assertThatThrownBy(() -> new User(1_000, UUID, "ada@example.com", " ", "", NOW)).hasMessage("a user needs a first name");
        assertThatThrownBy(() -> new User(1_000, UUID, "ada@example.com", "Ada\tL", "", NOW)).hasMessageStartingWith("a first name has");
        assertThatThrownBy(() -> new User(1_000, UUID, "ada@example.com", "Ada", "L\n", NOW)).hasMessageStartingWith("a last name has");
        assertThatThrownBy(() -> new User(1_000, UUID, "ada@example.com", "Ada", "x".repeat(User.MAX_NAME + 1), NOW))
                .hasMessageStartingWith("a last name has");
        assertThat(new User(1_000, UUID, "ada@example.com", "x".repeat(User.MAX_NAME), "", NOW).lastName()).isEmpty();
    }

    @Test
    void idsArePositive53BitIntegersAndUuidsCanonical() {
        assertThatThrownBy(() -> new User(0, UUID, "ada@example.com", "Ada", "", NOW)).hasMessageStartingWith("a user id");
        assertThatThrownBy(() -> new User(1L << 53, UUID, "ada@example.com", "Ada", "", NOW)).hasMessageStartingWith("a user id");
        assertThatThrownBy(() -> new User(1_000, "1-2-3-4-5", "ada@example.com", "Ada", "", NOW)).hasMessageStartingWith("a user's uuid");
        assertThat(new User(UserIds.MAX, UUID, "ada@example.com", "Ada", "", NOW).id()).isEqualTo((1L << 53) - 1);
    }

    @Test
    void randomIdsLeaveTheFixedOnesAloneAndDoNotRepeat() {
        Set<Long> ids = new HashSet<>();
        LongStream.range(0, 10_000).map(ignored -> UserIds.random()).forEach(ids::add);

        assertThat(ids).hasSize(10_000).allSatisfy(id -> assertThat(id).isBetween(UserIds.FIRST_RANDOM, UserIds.MAX));
        assertThat(UserIds.FIRST_RANDOM).isGreaterThan(Math.max(UserIds.BOOTSTRAP, UserIds.LEGACY_KEYS));
    }
}
