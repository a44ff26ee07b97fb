package dev.aikagi.core.login;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** The answer to one login step. */
public sealed interface LoginResult {

    /** Every required factor is done; the caller opens a session for {@code flow.accountId()}. */
    record Authenticated(LoginFlow flow, OptionalInt remainingBackupCodes) implements LoginResult {
        public Authenticated {
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(remainingBackupCodes, "remainingBackupCodes");
        }
    }

    /** Password done; ask for {@code flow.challenge()} and offer the other {@code flow.secondFactors()}. */
    record SecondFactorRequired(LoginFlow flow) implements LoginResult {
        public SecondFactorRequired {
            Objects.requireNonNull(flow, "flow");
        }
    }

    /** @param retryAt for {@link LoginFailure#TOO_MANY_ATTEMPTS}, when to try again */
    record Failed(LoginFailure failure, Optional<Instant> retryAt) implements LoginResult {
        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(retryAt, "retryAt");
        }

        public static Failed of(LoginFailure failure) {
            return new Failed(failure, Optional.empty());
        }
    }
}
