package dev.aikagi.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of every service step that can be refused: {@link Done} with its value, or {@link Refused} with the
 * failure (a journey's enum) and, for a limit, when to try again. Sealed, so that "both" and "neither" cannot be
 * built and a caller can {@code switch} over the two cases exhaustively:
 * <pre>{@code
 * return switch (contacts.confirmEmail(session, code)) {
 *     case Outcome.Done<Confirmed, SettingsProblem> done -> ok(done.value());
 *     case Outcome.Refused<Confirmed, SettingsProblem> refused -> problem(refused.failure(), refused.retryAt());
 * };
 * }</pre>
 *
 * @param <T> the value of a step that was done
 * @param <F> why a step can be refused
 */
public sealed interface Outcome<T, F> permits Outcome.Done, Outcome.Refused {

    /** The step was done; {@code value} is what it made. */
    record Done<T, F>(T value) implements Outcome<T, F> {
        public Done {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The step was refused for {@code failure}; {@code retryAt}, for a limit, is when to try again. */
    record Refused<T, F>(F failure, Optional<Instant> retryAt) implements Outcome<T, F> {
        public Refused {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(retryAt, "retryAt");
        }

        /** The same refusal, as the outcome of a step with another value. */
        public <U> Refused<U, F> recast() {
            return new Refused<>(failure, retryAt);
        }
    }

    static <T, F> Outcome<T, F> done(T value) {
        return new Done<>(value);
    }

    static <T, F> Outcome<T, F> refused(F failure) {
        return new Refused<>(failure, Optional.empty());
    }

    /** A refusal by a limit, which lifts at {@code retryAt}. */
    static <T, F> Outcome<T, F> refusedUntil(F failure, Instant retryAt) {
        return new Refused<>(failure, Optional.of(retryAt));
    }

    /** A refusal that may carry a time to try again (as a rejected code does). */
    static <T, F> Outcome<T, F> refused(F failure, Optional<Instant> retryAt) {
        return new Refused<>(failure, retryAt);
    }

    default boolean isDone() {
        return this instanceof Done;
    }

    /** The value if the step was done; for callers that only need it (tests, look-ups); otherwise {@code switch}. */
    default Optional<T> doneValue() {
        return this instanceof Done<T, F> done ? Optional.of(done.value()) : Optional.empty();
    }

    /** The failure if the step was refused. */
    default Optional<F> refusal() {
        return this instanceof Refused<T, F> refused ? Optional.of(refused.failure()) : Optional.empty();
    }

    /** When to try again: only for a refusal by a limit. */
    default Optional<Instant> retryAt() {
        return Optional.empty();
    }
}
