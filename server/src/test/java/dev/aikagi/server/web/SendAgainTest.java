package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Issue 17: the wait before "send again", to the second, as the page writes it and app.js counts it down. */
class SendAgainTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

    @Test
    void secondsUntilWhenPartOfASecondLeftThenRoundedUpAndNeverNegative() {
        assertThat(SendAgain.secondsUntil(NOW.plusMillis(26_001), NOW)).isEqualTo(27);
        assertThat(SendAgain.secondsUntil(NOW.plusSeconds(30), NOW)).isEqualTo(30);
        assertThat(SendAgain.secondsUntil(NOW, NOW)).isZero();
        assertThat(SendAgain.secondsUntil(NOW.minusSeconds(5), NOW)).isZero();
    }

    @Test
    void countdownWhenSecondsThenMinutesAndTwoDigitSeconds() {
        assertThat(SendAgain.countdown(27)).isEqualTo("0:27");
        assertThat(SendAgain.countdown(5)).isEqualTo("0:05");
        assertThat(SendAgain.countdown(65)).isEqualTo("1:05");
    }

    @Test
    void refusalWhenCoolDownThenTheSameCodeAsTooManySendsButItsOwnText() {
        Refusal refusal = SendAgain.refusal(HttpStatus.TOO_MANY_REQUESTS, "too_many_sends")
                .retryAt(Optional.of(NOW.plusSeconds(30)));

        assertThat(SendAgain.is(refusal)).isTrue();
        assertThat(refusal.code()).isEqualTo("too_many_sends");
        assertThat(SendAgain.is(Refusal.untilRetry(HttpStatus.TOO_MANY_REQUESTS, "too_many_sends",
                "error.too_many_sends"))).isFalse();
    }
}
