package dev.aikagi.core.factor.totp;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Authenticator-app factors: several confirmed (each with its own name and replay protection) and at most one
 * pending per account. The number of confirmed ones is capped by {@link TotpAuthenticator#MAX_CONFIRMED}.
 */
public interface TotpFactorRepository {

    /** Stores a new, unconfirmed factor, replacing any earlier unconfirmed one of the account. */
    void createPending(TotpFactor factor);

    /** The account's confirmed factors, oldest first. */
    List<TotpFactor> findAllConfirmed(AccountId accountId);

    /** The account's oldest confirmed factor. */
    default Optional<TotpFactor> findConfirmed(AccountId accountId) {
        return findAllConfirmed(accountId).stream().findFirst();
    }

    Optional<TotpFactor> findPending(AccountId accountId);

    /**
     * Confirms a pending factor with the step of its first code; the account's other confirmed factors stay.
     * False when the factor is no longer pending.
     */
    boolean confirm(UUID factorId, long acceptedStep, Instant confirmedAt);

    /**
     * Records that a code of {@code step} was accepted, only if no code of that step or a newer one was:
     * {@code UPDATE ... SET last_step = ?, last_used_at = ? WHERE id = ? AND last_step < ?}. True for exactly one
     * of any number of concurrent calls with the same step.
     */
    boolean recordAcceptedStep(UUID factorId, long step, Instant usedAt);

    /** Sets the name of one factor (pending or confirmed) of the account; false when it has none with this id. */
    boolean rename(AccountId accountId, UUID factorId, String name);

    /** Removes one confirmed factor of the account; false when it has none with this id. */
    boolean delete(AccountId accountId, UUID factorId);

    /** Removes every factor of the account (two-step verification turned off, or recovery). */
    void deleteAll(AccountId accountId);
}
