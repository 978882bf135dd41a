package io.clickmap.api.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The {@code users} table through UserStore, and UserDirectory's remembered lookups, on the real ClickHouse. */
@MicronautTest
class UserStoreTest extends ServiceTest {
    @Inject
    UserStore users;
    @Inject
    UserDirectory directory;

    @Override
    protected Map<String, String> settings() {
        return Map.of("clickmap.api-key-cache-ttl", "5m");
    }

    private static User user(String email, String firstName, String lastName) {
        return new User(UserIds.random(), UUID.randomUUID().toString(), email, firstName, lastName, Instant.parse("2026-03-04T05:06:07Z"));
    }

    @Test
    void aSavedUserIsFoundByIdByEmailInAnyCaseAndListed() {
        User ada = user("Ada.Lovelace@Example.com", "Ada", "Lovelace 'AL' \\ ü");
        users.save(ada);

        assertThat(users.find(ada.id())).contains(ada);
        assertThat(users.findByEmail("ada.lovelace@EXAMPLE.COM")).contains(ada);
        assertThat(users.findByEmail("ada.lovelace@example.org")).isEmpty();
        assertThat(users.find(ada.id() + 1)).isEmpty();
        assertThat(users.list()).contains(ada);
    }

    @Test
    void caseIsComparedBeyondAscii() {
        User zoe = user("ZOË@example.de", "Zoë", "");
        users.save(zoe);

        assertThat(users.findByEmail("zoë@example.de")).contains(zoe);
    }

    @Test
    void theNewestVersionOfAnIdWins() {
        User grace = user("grace@example.com", "Grace", "");
        users.save(grace);
        User renamed = new User(grace.id(), grace.uuid(), grace.email(), "Grace", "Hopper", grace.createdAt());
        users.save(renamed);

        assertThat(users.find(grace.id())).contains(renamed);
        assertThat(users.list()).filteredOn(listed -> listed.id() == grace.id()).containsExactly(renamed);
    }

    @Test
    void theDirectoryRemembersWhatItFoundAndWhatItDidNot() {
        User alan = user("alan@example.com", "Alan", "Turing");
        long missing = UserIds.random();
        users.save(alan);
        assertThat(directory.find(alan.id())).contains(alan);
        assertThat(directory.find(missing)).isEmpty();

        users.save(new User(alan.id(), alan.uuid(), alan.email(), "A. M.", "Turing", alan.createdAt()));
        users.save(new User(missing, UUID.randomUUID().toString(), "someone@example.com", "Someone", "", Instant.now()));

        assertThat(directory.find(alan.id())).as("within the cache time").contains(alan);
        assertThat(directory.find(missing)).as("within the cache time").isEmpty();
        assertThat(users.find(missing)).isPresent();
    }
}
