package dev.aikagi.core.admin;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.recovery.RecoveryPolicy;
import dev.aikagi.core.settings.TwoStepStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * "Reset two-step" as an operator orders it (issue 18), with the safeguards of a recovery: the person is told on
 * every channel ({@link dev.aikagi.core.notify.SecurityNotifications} sends the notices of the audited events,
 * each with its "this wasn't me" link), and unless the operator says "immediately" the methods stay until the
 * recovery's waiting period ({@link RecoveryPolicy#waitingPeriod()}) is over, and that link cancels the reset
 * meanwhile: someone who talked an operator into a reset does not get the account before its owner hears of it.
 */
public final class TwoStepResets {

    /** How many due resets one {@link #applyDue} call takes. */
    static final int BATCH = 100;

    private final TwoStepResetRepository resets;
    private final AdminTwoStep twoStep;
    private final Auditor audit;
    private final SecretGenerator generator;
    private final RecoveryPolicy policy;
    private final Clock clock;

    public TwoStepResets(TwoStepResetRepository resets, AdminTwoStep twoStep, Auditor audit, SecretGenerator generator,
                         RecoveryPolicy policy, Clock clock) {
        this.resets = Objects.requireNonNull(resets, "resets");
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Orders a reset that waits; returns when it takes effect. */
    public Outcome<Instant, AdminFailure> request(AccountId account, AdminTwoStep.Method method, String by) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(by, "by");
        Outcome<TwoStepStatus, AdminFailure> status = twoStep.status(account);
        if (status instanceof Outcome.Refused<TwoStepStatus, AdminFailure> refused) {
            return refused.recast();
        }
        if (!AdminTwoStep.has(status.doneValue().orElseThrow(), method)) {
            return Outcome.refused(AdminFailure.METHOD_NOT_FOUND);
        }
        Instant now = clock.instant();
        Instant effectiveAt = now.plus(policy.waitingPeriod());
        TwoStepReset reset = new TwoStepReset(generator.uuid(), account, method, by, now, effectiveAt);
        resets.create(reset);
        // The notice of this event goes to every channel, with the link that cancels (cancelAll).
        audit.record(AuditType.TWO_STEP_RESET_REQUESTED, account, null, Map.of("by", by, "method", method.value(),
                "reset", reset.id().toString(), "waitingUntil", effectiveAt.toString()));
        return Outcome.done(effectiveAt);
    }

    /** Removes the methods now ("immediately": true); the person is told all the same. */
    public Outcome<TwoStepStatus, AdminFailure> now(AccountId account, AdminTwoStep.Method method, String by) {
        return twoStep.removeNow(account, method, by);
    }

    /** Applies every reset whose waiting period is over; returns how many. Run by the server's housekeeping. */
    public int applyDue() {
        Instant now = clock.instant();
        int applied = 0;
        List<TwoStepReset> due = resets.due(now, BATCH);
        for (TwoStepReset reset : due) {
            if (resets.markDone(reset.id(), now)) {
                // A method removed meanwhile by its owner leaves nothing to do: not an error.
                twoStep.removeNow(reset.accountId(), reset.method(), reset.requestedBy());
                applied++;
            }
        }
        return applied;
    }

    /** The account's waiting resets (the admin API shows them). */
    public List<TwoStepReset> waiting(AccountId account) {
        return resets.waiting(account);
    }

    /** Cancels the account's waiting resets: its owner followed a notice's "this wasn't me" link. */
    public int cancelAll(AccountId account, String clientAddress) {
        int cancelled = resets.cancelWaiting(account, clock.instant());
        if (cancelled > 0) {
            audit.record(AuditType.TWO_STEP_RESET_CANCELLED, account, clientAddress,
                    Map.of("resets", String.valueOf(cancelled)));
        }
        return cancelled;
    }
}
