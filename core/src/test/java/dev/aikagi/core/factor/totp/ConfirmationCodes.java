package dev.aikagi.core.factor.totp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The code a client that enrols an authenticator app through the API (the bench's {@code ApiSeeder}, the demo's
 * {@code ApiAccounts}) sends to confirm it, chosen so that it is still inside Aikagi's window (the server's step
 * ±1, RFC 6238 §5.2 and §6) when the request arrives, however long the request queues.
 *
 * <p>The previous step's code keeps the current step free for the account's first login, but it is valid only
 * until the current step ends: it is chosen only while at least {@link #MARGIN} of the step is left. Otherwise
 * the current step's code is sent, which stays valid for the whole next step as well (at least 30 s). Should the
 * answer still be "invalid code" (the request took longer than that), one more try with the code of the step
 * the clock then shows settles it. Nothing here sleeps: time comes from the {@link Clock}.
 */
public final class ConfirmationCodes {

    /** How much of the current step must be left to send the previous step's code. */
    public static final Duration MARGIN = Duration.ofSeconds(10);

    private ConfirmationCodes() {
    }

    /** A code and the step it belongs to (the account's last used step once Aikagi accepts it). */
    public record Choice(long step, String code) {
    }

    /** One confirmation request: the server's answer, or empty when it refused the code as invalid. */
    @FunctionalInterface
    public interface Attempt<R> {
        Optional<R> send(Choice choice) throws Exception;
    }

    /** The code to send at {@code now}: the previous step's while {@link #MARGIN} of this step is left, else this step's. */
    public static Choice choose(byte[] key, Instant now, TotpParameters parameters) {
        Objects.requireNonNull(key, "key");
        int period = parameters.periodSeconds();
        long current = Totp.stepAt(now, period);
        Duration left = Duration.between(now, Totp.stepStart(current + 1, period));
        long step = left.compareTo(MARGIN) >= 0 ? current - 1 : current;
        return new Choice(step, Totp.hotp(key, step, parameters.algorithm(), parameters.digits()));
    }

    /**
     * Confirms with {@link #choose}'s code; if {@code attempt} reports it invalid, once more with the code of the
     * step {@code clock} shows then.
     *
     * @return the accepted answer and the step it used
     */
    public static <R> Confirmed<R> confirm(byte[] key, Clock clock, TotpParameters parameters, Attempt<R> attempt)
            throws Exception {
        Choice first = choose(key, clock.instant(), parameters);
        Optional<R> answer = attempt.send(first);
        if (answer.isPresent()) {
            return new Confirmed<>(answer.get(), first.step());
        }
        long now = Totp.stepAt(clock.instant(), parameters.periodSeconds());
        Choice second = new Choice(now, Totp.hotp(key, now, parameters.algorithm(), parameters.digits()));
        if (now == first.step()) {
            throw new IllegalStateException("the code of step " + first.step() + " was refused within its own step");
        }
        Optional<R> retried = attempt.send(second);
        return new Confirmed<>(retried.orElseThrow(() -> new IllegalStateException(
                "the codes of steps " + first.step() + " and " + second.step() + " were both refused")), second.step());
    }

    /** The server's answer to the accepted confirmation and the step it used. */
    public record Confirmed<R>(R answer, long step) {
    }
}
