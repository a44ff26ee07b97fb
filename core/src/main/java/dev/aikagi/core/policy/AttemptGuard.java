package dev.aikagi.core.policy;

import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.RejectReason;
import dev.aikagi.core.factor.Verification;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies the {@link AttemptPolicy} around one check: count the attempt on the account's key and on
 * the client address's key, refuse early when either is over budget, and settle the counts afterwards.
 */
public final class AttemptGuard {

    private final AttemptRepository attempts;
    private final AttemptPolicy policy;

    public AttemptGuard(AttemptRepository attempts, AttemptPolicy policy) {
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** A counted attempt; pass it to {@link #succeeded} if the check passes. */
    public record Ticket(String accountKey, String addressKey) {
    }

    public static String accountKey(FactorKind kind, String subject) {
        return kind.amr() + ":account:" + subject;
    }

    public static String addressKey(FactorKind kind, String clientAddress) {
        // Passwords and second factors are counted apart so a shared address's typos of passwords
        // do not slow the second step.
        return (kind == FactorKind.PASSWORD ? "pwd" : "mfa") + ":address:" + clientAddress;
    }

    /**
     * Counts an attempt at {@code kind} for {@code subject} (an account id, or a canonical username
     * before the account is known) from {@code clientAddress}.
     *
     * @return the ticket, or the rejection to answer with, without checking anything
     */
    public Result begin(FactorKind kind, String subject, String clientAddress, Instant now) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientAddress, "clientAddress");
        String addressKey = addressKey(kind, clientAddress);
        AttemptDecision byAddress = attempts.acquire(addressKey, policy.perAddress(), now);
        Optional<Verification.Rejected> refused = refusal(byAddress);
        if (refused.isPresent()) {
            return new Result(Optional.empty(), refused);
        }
        String accountKey = accountKey(kind, subject);
        AttemptDecision byAccount = attempts.acquire(accountKey, policy.forAccount(kind), now);
        refused = refusal(byAccount);
        if (refused.isPresent()) {
            // This attempt checks nothing, so it must not count against the address either.
            attempts.release(addressKey);
            return new Result(Optional.empty(), refused);
        }
        return new Result(Optional.of(new Ticket(accountKey, addressKey)), Optional.empty());
    }

    /** The check behind {@code ticket} passed: the account's failures reset, the address's one is undone. */
    public void succeeded(Ticket ticket) {
        attempts.reset(ticket.accountKey());
        attempts.release(ticket.addressKey());
    }

    /** A full login or a recovery succeeded: every second-factor budget of the account starts afresh. */
    public void resetAccount(String subject) {
        for (FactorKind kind : FactorKind.values()) {
            attempts.reset(accountKey(kind, subject));
        }
    }

    /** Either a ticket or a rejection. */
    public record Result(Optional<Ticket> ticket, Optional<Verification.Rejected> rejection) {
    }

    private static Optional<Verification.Rejected> refusal(AttemptDecision decision) {
        return switch (decision) {
            case AttemptDecision.Allowed allowed -> Optional.empty();
            case AttemptDecision.Throttled throttled -> Optional.of(Verification.Rejected.rateLimited(throttled.retryAt()));
            case AttemptDecision.Exhausted exhausted -> Optional.of(Verification.Rejected.of(RejectReason.LOCKED));
        };
    }
}
