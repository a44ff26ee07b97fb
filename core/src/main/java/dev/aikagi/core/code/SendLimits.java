package dev.aikagi.core.code;

import dev.aikagi.core.policy.AttemptBudget;
import dev.aikagi.core.policy.AttemptDecision;
import dev.aikagi.core.policy.AttemptRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How often codes may be sent: a cool-down between two sends for the same account and purpose ("send
 * again"), and an hourly cap per account and per destination (a phone number or an email address), so
 * nobody can turn Aikagi into an SMS cannon against a number or run up the operator's bill.
 *
 * <p>Counted on the shared attempt counters, so the limits hold across nodes. Each send is counted
 * before it happens; sends are never "successes", so only time resets them. The cap uses an
 * {@link AttemptBudget} whose {@code cap} sends are free and whose next one must wait a full window after
 * the last: in any window of {@code window}, at most {@code cap} sends. Sending never touches the failure
 * counts of the codes themselves.
 */
public final class SendLimits {

    /** The limits; {@link #DEFAULT}: 30 s cool-down, 5 sends an hour per account and per destination. */
    public record Policy(Duration coolDown, int perAccountCap, int perDestinationCap, Duration window) {
        public Policy {
            Objects.requireNonNull(coolDown, "coolDown");
            Objects.requireNonNull(window, "window");
            if (perAccountCap < 1 || perDestinationCap < 1) {
                throw new IllegalArgumentException("caps must be at least 1");
            }
        }
    }

    public static final Policy DEFAULT = new Policy(Duration.ofSeconds(30), 5, 5, Duration.ofHours(1));

    private final AttemptRepository counters;
    private final AttemptBudget coolDown;
    private final AttemptBudget perAccount;
    private final AttemptBudget perDestination;

    public SendLimits(AttemptRepository counters, Policy policy) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.coolDown = new AttemptBudget(1, policy.coolDown(), policy.coolDown(), 0, policy.coolDown());
        this.perAccount = new AttemptBudget(policy.perAccountCap(), policy.window(), policy.window(), 0, policy.window());
        this.perDestination = new AttemptBudget(policy.perDestinationCap(), policy.window(), policy.window(), 0,
                policy.window());
    }

    /**
     * Counts one send of {@code purpose} for {@code subject} (an account id) to {@code destination}.
     *
     * @return empty if it may be sent now, else when the next send is allowed
     */
    public Optional<Instant> acquire(CodePurpose purpose, String subject, String destination, Instant now) {
        List<String> counted = new ArrayList<>(3);
        String[] keys = {
                "send:" + purpose.name() + ":cooldown:" + subject,
                "send:" + purpose.name() + ":account:" + subject,
                "send:to:" + destination};
        AttemptBudget[] budgets = {coolDown, perAccount, perDestination};
        for (int i = 0; i < keys.length; i++) {
            AttemptDecision decision = counters.acquire(keys[i], budgets[i], now);
            if (!(decision instanceof AttemptDecision.Allowed)) {
                // Nothing is sent, so the counts already taken for this send are given back.
                counted.forEach(counters::release);
                Instant retryAt = decision instanceof AttemptDecision.Throttled t ? t.retryAt() : now.plus(policyWindow(budgets[i]));
                return Optional.of(retryAt);
            }
            counted.add(keys[i]);
        }
        return Optional.empty();
    }

    /** When "send again" will next be allowed after a send at {@code sentAt} (the cool-down). */
    public Instant nextSendAt(Instant sentAt) {
        return sentAt.plus(coolDown.baseDelay());
    }

    private static Duration policyWindow(AttemptBudget budget) {
        return budget.maxDelay();
    }
}
