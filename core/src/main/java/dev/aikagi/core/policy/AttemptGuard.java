package dev.aikagi.core.policy;

import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.RejectReason;
import dev.aikagi.core.factor.Verification;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the {@link AttemptPolicy} around one check: count the attempt on the account's key and on
 * the client address's key, refuse early when either is over budget, and settle the counts afterwards.
 *
 * <p>A device that recently completed a login to the account counts on a budget of its own instead
 * ({@link #beginFromKnownDevice}): failures from other devices and addresses never refuse it, so no
 * stranger can keep the owner out (OWASP "Slow Down Online Guessing Attacks with Device Cookies";
 * NIST SP 800-63B-4 §3.2.2). Client addresses count by {@link AddressPrefix} (an IPv6 address by its /64).
 */
public final class AttemptGuard {

    private final AttemptRepository attempts;
    private final AttemptPolicy policy;

    public AttemptGuard(AttemptRepository attempts, AttemptPolicy policy) {
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * A counted attempt; pass it to {@link #succeeded} if the check passes.
     *
     * @param accountKey the account's key, or the known device's own key
     * @param addressKey the client address's key; null for a known device, which does not count on it
     */
    public record Ticket(String accountKey, String addressKey) {
        public Ticket {
            Objects.requireNonNull(accountKey, "accountKey");
        }
    }

    public static String accountKey(FactorKind kind, String subject) {
        return kind.amr() + ":account:" + subject;
    }

    public static String addressKey(FactorKind kind, String clientAddress) {
        // Passwords and second factors are counted apart so a shared address's typos of passwords
        // do not slow the second step.
        return (kind == FactorKind.PASSWORD ? "pwd" : "mfa") + ":address:" + AddressPrefix.of(clientAddress);
    }

    /**
     * The key of one known device's own budget for {@code kind} on account {@code subject}.
     *
     * @param binding the device's binding to the account: a hash, never the device's secret value
     */
    public static String deviceKey(FactorKind kind, String subject, String binding) {
        return kind.amr() + ":device:" + subject + ":" + binding;
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

    /**
     * Counts an attempt at {@code kind} from a device bound to account {@code subject} by a recent full
     * login, on that device's own budget only (the per-account budget of {@code kind}): failures from other
     * devices or addresses never refuse it, and its own failures still slow it down, so a stolen device
     * value does not give unlimited guesses.
     *
     * @param binding the device's binding hash (see {@link #deviceKey})
     */
    public Result beginFromKnownDevice(FactorKind kind, String subject, String binding, Instant now) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(binding, "binding");
        String deviceKey = deviceKey(kind, subject, binding);
        Optional<Verification.Rejected> refused = refusal(attempts.acquire(deviceKey, policy.forAccount(kind), now));
        if (refused.isPresent()) {
            return new Result(Optional.empty(), refused);
        }
        return new Result(Optional.of(new Ticket(deviceKey, null)), Optional.empty());
    }

    /** The check behind {@code ticket} passed: the account's failures reset, the address's one is undone. */
    public void succeeded(Ticket ticket) {
        attempts.settle(List.of(ticket.accountKey()), Optional.ofNullable(ticket.addressKey()));
    }

    /**
     * The check behind {@code ticket} finished a full login of account {@code subject}: as {@link #succeeded}
     * and {@link #resetAccount} together, in one settlement of the counters.
     */
    public void succeededAndResetAccount(Ticket ticket, String subject) {
        Set<String> keys = new LinkedHashSet<>(accountKeys(subject));
        keys.add(ticket.accountKey());
        attempts.settle(keys, Optional.ofNullable(ticket.addressKey()));
    }

    /**
     * Nothing was checked behind {@code ticket}: the password hash was refused as busy (issue 15). The attempt is
     * taken back on each budget it counted on, so a flood that keeps the hash workers busy cannot spend the
     * owner's attempts, and does not reset them either.
     */
    public void notChecked(Ticket ticket) {
        attempts.release(ticket.accountKey());
        if (ticket.addressKey() != null) {
            attempts.release(ticket.addressKey());
        }
    }

    /** A full login or a recovery succeeded: every second-factor budget of the account starts afresh. */
    public void resetAccount(String subject) {
        attempts.settle(accountKeys(subject), Optional.empty());
    }

    private static List<String> accountKeys(String subject) {
        return Arrays.stream(FactorKind.values()).map(kind -> accountKey(kind, subject)).toList();
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
