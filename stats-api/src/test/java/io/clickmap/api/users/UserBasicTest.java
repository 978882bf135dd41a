package io.clickmap.api.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserBasicTest {

    @Test
    void aUserIsPostHogsUserBasicFieldForFieldInOrderAsMicronautWritesIt() throws IOException {
        User user = new User(4_503_599_627_370_496L, "5f0c9a34-1b2e-4c3d-9e8f-a1b2c3d4e5f6", "Ada@Example.com", "Ada", "Lovelace \"AL\"",
                Instant.parse("2026-01-02T03:04:05Z"));

        assertThat(new String(JsonMapper.createDefault().writeValueAsBytes(UserBasic.of(user)), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":4503599627370496,\"uuid\":\"5f0c9a34-1b2e-4c3d-9e8f-a1b2c3d4e5f6\","
                        + "\"distinct_id\":\"5f0c9a34-1b2e-4c3d-9e8f-a1b2c3d4e5f6\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace \\\"AL\\\"\","
                        + "\"email\":\"Ada@Example.com\",\"is_email_verified\":false,\"hedgehog_config\":null,\"role_at_organization\":null}");
    }
}
