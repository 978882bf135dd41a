package io.clickmap.api.toolbar;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickmap.api.auth.ApiKey;
import io.clickmap.api.auth.Scopes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One test per verdict on a toolbar token, from literal stored rows and instants. */
class TokenVerdictTest {
    private static final Instant LAUNCHED = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-01-05T11:00:00Z");
    private static final ToolbarToken BY_KEY = new ToolbarToken("hash", 1, "k1", LAUNCHED, EXPIRES, false);
    private static final ToolbarToken BY_CLI = new ToolbarToken("hash", 1, ToolbarToken.CLI, LAUNCHED, EXPIRES, false);
    private static final ApiKey KEY = new ApiKey("k1", "reader", 1, List.of(Scopes.ELEMENT_READ), false, List.of(1L), LAUNCHED, false);
    private static final Instant DURING = Instant.parse("2026-01-05T10:59:59Z");

    @Test
    void aStoredTokenBeforeItsExpiryWithItsKeyAliveIsValid() {
        assertThat(TokenVerdict.of(Optional.of(BY_KEY), Optional.of(KEY), DURING)).isEqualTo(TokenVerdict.VALID);
    }

    @Test
    void aTokenNobodyStoredIsUnknown() {
        assertThat(TokenVerdict.of(Optional.empty(), Optional.empty(), DURING)).isEqualTo(TokenVerdict.UNKNOWN);
    }

    @Test
    void aTokenIsExpiredFromTheSecondItsExpiryNames() {
        assertThat(TokenVerdict.of(Optional.of(BY_KEY), Optional.of(KEY), EXPIRES)).isEqualTo(TokenVerdict.EXPIRED);
        assertThat(TokenVerdict.of(Optional.of(BY_CLI), Optional.empty(), EXPIRES.plusSeconds(1))).isEqualTo(TokenVerdict.EXPIRED);
    }

    @Test
    void aRevokedTokenIsRevokedEvenBeforeItsExpiry() {
        ToolbarToken revoked = new ToolbarToken("hash", 1, "k1", LAUNCHED, EXPIRES, true);

        assertThat(TokenVerdict.of(Optional.of(revoked), Optional.of(KEY), DURING)).isEqualTo(TokenVerdict.REVOKED);
    }

    @Test
    void aTokenWhoseKeyIsRevokedDeletedOrNoLongerReachesItIsRevokedWithTheKey() {
        assertThat(TokenVerdict.of(Optional.of(BY_KEY), Optional.of(KEY.asRevoked()), DURING)).isEqualTo(TokenVerdict.KEY_REVOKED);
        assertThat(TokenVerdict.of(Optional.of(BY_KEY), Optional.empty(), DURING)).isEqualTo(TokenVerdict.KEY_REVOKED);
        ApiKey elsewhere = new ApiKey("k1", "reader", 1, List.of(Scopes.ELEMENT_READ), false, List.of(2L), LAUNCHED, false);
        assertThat(TokenVerdict.of(Optional.of(BY_KEY), Optional.of(elsewhere), DURING)).isEqualTo(TokenVerdict.KEY_REVOKED);
        ApiKey insightsOnly = new ApiKey("k1", "reader", 1, List.of(Scopes.INSIGHT_READ), true, List.of(), LAUNCHED, false);
        assertThat(TokenVerdict.of(Optional.of(BY_KEY), Optional.of(insightsOnly), DURING)).isEqualTo(TokenVerdict.KEY_REVOKED);
    }

    @Test
    void aTokenTheCliLaunchedNeedsNoKey() {
        assertThat(TokenVerdict.of(Optional.of(BY_CLI), Optional.empty(), DURING)).isEqualTo(TokenVerdict.VALID);
    }
}
