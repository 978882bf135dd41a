package io.clickmap.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickmap.api.errors.ApiException;
import org.junit.jupiter.api.Test;

class IntegerParameterTest {

    private static void assertRefused(String raw, long min, long max) {
        assertThatThrownBy(() -> IntegerParameter.parse(raw, "limit", min, max)).as(raw).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.error().attr()).isEqualTo("limit");
            assertThat(e.error().detail()).isEqualTo("limit must be an integer from " + min + " to " + max + ".");
        });
    }

    @Test
    void digitsWithinTheBoundsAreTheirValueLeadingZerosAndSurroundingSpaceAllowed() {
        assertThat(IntegerParameter.parse("42", "limit", 1, 100)).isEqualTo(42);
        assertThat(IntegerParameter.parse(" 0042 ", "limit", 1, 100)).isEqualTo(42);
        assertThat(IntegerParameter.parse("000", "offset", 0, 100)).isZero();
        assertThat(IntegerParameter.parse("9223372036854775807", "offset", 0, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void numbersBeyondWhatALongHoldsAreAboveEveryBoundNotAFailure() {
        assertRefused("9999999999999999999", 1, 999_999);
        assertRefused("9223372036854775808", 0, 1_000_000_000_000L);
        assertRefused("123456789012345678901234567890", 1, 999_999);
        assertThat(IntegerParameter.parse("99999999999999999999999", "limit", 1, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anythingButDigitsOrOutsideTheBoundsIsRefusedWithTheRule() {
        for (String raw : new String[] {"", " ", "-1", "+1", "1.0", "1e3", "0x10", "١٢", "10 0"}) {
            assertRefused(raw, 0, 100);
        }
        assertRefused("0", 1, 100);
        assertRefused("101", 1, 100);
        assertThatThrownBy(() -> IntegerParameter.parse("x", "limit", 1, 5, "limit must be small.")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error().detail()).isEqualTo("limit must be small."));
    }
}
