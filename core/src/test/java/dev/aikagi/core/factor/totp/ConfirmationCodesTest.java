package dev.aikagi.core.factor.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.aikagi.core.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the seeders' confirmation code. Before, they always sent the previous step's code, which is two steps
 * old when the request crosses a 30 s boundary ("confirm TOTP bench000668: HTTP 401 code_invalid").
 */
class ConfirmationCodesTest {

    private static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final TotpParameters P = TotpParameters.DEFAULT;
    /** The start of a 30 s step. */
    private static final Instant STEP_START = Instant.parse("2026-12-07T01:00:00Z");
    private static final long STEP = Totp.stepAt(STEP_START, 30);

    @Test
    void chooseWhenMuchOfTheStepLeftThenPreviousStepKeepingTheCurrentFree() {
        ConfirmationCodes.Choice choice = ConfirmationCodes.choose(KEY, STEP_START.plusSeconds(20), P);

        assertThat(choice.step()).isEqualTo(STEP - 1);
        assertThat(choice.code()).isEqualTo(Totp.hotp(KEY, STEP - 1, P.algorithm(), P.digits()));
    }

    @Test
    void chooseWhenStepAboutToEndThenCurrentStepValidThroughTheNextOne() {
        ConfirmationCodes.Choice choice = ConfirmationCodes.choose(KEY, STEP_START.plusMillis(29_900), P);

        assertThat(choice.step()).isEqualTo(STEP);
        // Still inside the server's window (step ±1) if the request lands anywhere in the next step.
        assertThat(Totp.stepAt(STEP_START.plusSeconds(59), 30) - choice.step()).isEqualTo(1);
    }

    /** The failure seen on a busy machine: the request crosses a boundary and lands two steps after its code. */
    @Test
    void confirmWhenFirstCodeRefusedAfterCrossingABoundaryThenOnceMoreWithTheStepNow() throws Exception {
        MutableClock clock = new MutableClock(STEP_START.plusSeconds(10));
        List<Long> sent = new ArrayList<>();
        ConfirmationCodes.Confirmed<String> confirmed = ConfirmationCodes.confirm(KEY, clock, P, choice -> {
            sent.add(choice.step());
            // The server's window around its own step at the moment the request lands.
            clock.advance(Duration.ofSeconds(25));
            long server = Totp.stepAt(clock.instant(), 30);
            return Math.abs(server - choice.step()) <= 1 ? Optional.of("ok") : Optional.empty();
        });

        assertThat(sent).containsExactly(STEP - 1, STEP + 1);
        assertThat(confirmed.step()).isEqualTo(STEP + 1);
        assertThat(confirmed.answer()).isEqualTo("ok");
    }

    @Test
    void confirmWhenAcceptedThenOneRequestAndItsStep() throws Exception {
        MutableClock clock = new MutableClock(STEP_START.plusSeconds(5));
        List<Long> sent = new ArrayList<>();

        ConfirmationCodes.Confirmed<String> confirmed = ConfirmationCodes.confirm(KEY, clock, P, choice -> {
            sent.add(choice.step());
            return Optional.of("ok");
        });

        assertThat(sent).containsExactly(STEP - 1);
        assertThat(confirmed.step()).isEqualTo(STEP - 1);
    }

    @Test
    void confirmWhenCurrentStepRefusedWithinItsStepThenNoRetry() {
        MutableClock clock = new MutableClock(STEP_START.plusSeconds(25));
        List<Long> sent = new ArrayList<>();

        assertThatIllegalStateException().isThrownBy(() -> ConfirmationCodes.confirm(KEY, clock, P, choice -> {
            sent.add(choice.step());
            return Optional.empty();
        })).withMessage("the code of step " + STEP + " was refused within its own step");
        assertThat(sent).containsExactly(STEP);
    }

    @Test
    void confirmWhenRefusedTwiceThenSaysWhich() {
        MutableClock clock = new MutableClock(STEP_START.plusSeconds(25));

        assertThatIllegalStateException().isThrownBy(() -> ConfirmationCodes.confirm(KEY, clock, P, choice -> {
            clock.advance(Duration.ofSeconds(30));
            return Optional.empty();
        })).withMessage("the codes of steps " + STEP + " and " + (STEP + 1) + " were both refused");
    }
}
