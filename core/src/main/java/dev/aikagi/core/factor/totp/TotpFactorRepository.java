package dev.aikagi.core.factor.totp;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Authenticator-app factors: at most one confirmed and one pending per account. */
public interface TotpFactorRepository {

    /** Stores a new, unconfirmed factor, replacing any earlier unconfirmed one of the account. */
    void createPending(TotpFactor factor);

    Optional<TotpFactor> findConfirmed(AccountId accountId);

    Optional<TotpFactor> findPending(AccountId accountId);

    /**
     * Confirms a pending factor with the step of its first code, and removes the account's previously
     * confirmed factor, in one transaction. False when the factor is no longer pending.
     */
    boolean confirm(UUID factorId, long acceptedStep, Instant confirmedAt);

    /**
     * Records that a code of {@code step} was accepted, only if no code of that step or a newer one was:
     * {@code UPDATE ... SET last_step = ? WHERE id = ? AND last_step < ?}. True for exactly one of any
     * number of concurrent calls with the same step.
     */
    boolean recordAcceptedStep(UUID factorId, long step);

    /** Removes every factor of the account (two-step verification turned off, or recovery). */
    void deleteAll(AccountId accountId);
}
