package dev.aikagi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    /** RFC 6238 Appendix B's SHA-1 key, "12345678901234567890", in Base32 as Aikagi shows it (grouped). */
    private static final String RFC_KEY = "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ";

    @Test
    void codeWhenClockAtRfc6238TestTimeThenLastSixDigitsOfTheRfcValue() {
        // RFC 6238 Appendix B: T = 59 s gives 94287082 at 8 digits; Aikagi's apps show 6.
        Authenticator app = new Authenticator(RFC_KEY, Clock.fixed(Instant.ofEpochSecond(59), ZoneOffset.UTC));

        assertThat(app.code()).isEqualTo("287082");
        assertThat(app.step()).isEqualTo(1);
        assertThat(app.codeOfStep(1)).isEqualTo("287082");
    }

    @Test
    void codeAtWhenSecretWithOrWithoutSpacesThenSameCode() {
        Instant at = Instant.ofEpochSecond(1111111109);

        assertThat(Authenticator.codeAt(RFC_KEY, at)).isEqualTo("081804")
                .isEqualTo(Authenticator.codeAt(RFC_KEY.replace(" ", ""), at));
    }

    @Test
    void keyWhenNotBase32ThenAssertionErrorNamesIt() {
        assertThatThrownBy(() -> Authenticator.key("not base32 !")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("not Base32");
    }

    @Test
    void constructorWhenClockMissingThenNullPointerNamesIt() {
        assertThatThrownBy(() -> new Authenticator(RFC_KEY, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("clock");
    }
}
