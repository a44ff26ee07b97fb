package dev.aikagi.core.support;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.recovery.RecoveryService;
import dev.aikagi.core.store.Transactions;
import dev.aikagi.core.support.SupportService.Approval;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An agent's decision on a support request (product journey 8): {@link #approve} (by two different agents if
 * the operator requires it) or {@link #reject}, with a reason. Approval starts a recovery with the usual waiting
 * period ({@link RecoveryService#startApprovedBySupport}) and sends the contact address its single-use link; the
 * reset of the factors happens when that recovery completes. Every decision is audited with the agent as actor.
 */
public final class SupportDecisions {

    private final SupportRepository cases;
    private final Auditor audit;
    private final RecoveryService recovery;
    private final SupportMail mail;
    private final SecretGenerator generator;
    private final SupportPolicy policy;
    private final String publicUrl;
    private final Transactions transactions;
    private final Clock clock;

    /**
     * @param transactions what a decision runs in: the case's new state, the recovery an approval starts, the audit
     *     record and the email to the requester are stored together or not at all (a crash between them must not
     *     leave an approved case without its recovery or its link); the email is sent once they are stored
     */
    public SupportDecisions(SupportRepository cases, Auditor audit, RecoveryService recovery, SupportMail mail,
                            SecretGenerator generator, SupportPolicy policy, String publicUrl,
                            Transactions transactions, Clock clock) {
        this.cases = Objects.requireNonNull(cases, "cases");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.mail = Objects.requireNonNull(mail, "mail");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl").replaceAll("/+$", "");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SupportPolicy policy() {
        return policy;
    }

    /**
     * Approves, or records the first of two approvals. On approval a recovery starts (with the waiting
     * period) and the contact address receives its single-use link.
     */
    public Outcome<Approval, SupportFailure> approve(UUID id, AccountId agent, String reason, ClientAddress from) {
        Objects.requireNonNull(agent, "agent");
        Optional<SupportCase> found = cases.find(id);
        if (found.isEmpty()) {
            return Outcome.refused(SupportFailure.NOT_FOUND);
        }
        SupportCase supportCase = found.get();
        Optional<SupportFailure> refused = decidable(supportCase, agent, reason);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        if (supportCase.accountId().isEmpty()) {
            return Outcome.refused(SupportFailure.NO_ACCOUNT);
        }
        AccountId account = supportCase.accountId().get();
        String why = reason.strip();
        if (policy.requireTwoApprovals() && supportCase.firstApprover() == null) {
            return transactions.inTransaction(() -> {
                if (!cases.addFirstApproval(id, agent)) {
                    return Outcome.refused(current(id));
                }
                audit.record(AuditType.SUPPORT_APPROVAL_ADDED, account, from.value(),
                        Map.of("support", id.toString(), "agent", agent.toString(), "reason", SupportService.audited(why)));
                return Outcome.done(Approval.WAITING_FOR_SECOND_AGENT);
            });
        }
        if (policy.requireTwoApprovals() && agent.equals(supportCase.firstApprover())) {
            return Outcome.refused(SupportFailure.SAME_AGENT);
        }
        Outcome<UUID, SupportFailure> told = transactions.inTransaction(() -> {
            if (!cases.approve(id, agent, why, policy.requireTwoApprovals(), clock.instant())) {
                SupportFailure now = current(id);
                return Outcome.refused(now == SupportFailure.NOT_OPEN || !policy.requireTwoApprovals() ? now
                        : SupportFailure.SAME_AGENT);
            }
            UUID recoveryId = recovery.startApprovedBySupport(account, from.value(),
                    Map.of("support", id.toString(), "agent", agent.toString()));
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(generator.bytes(32));
            if (!cases.attachRecovery(id, recoveryId, SupportService.digest(token))) {
                throw new AssertionError("the approved case " + id + " already had a recovery: approval is one update");
            }
            audit.record(AuditType.SUPPORT_APPROVED, account, from.value(),
                    Map.of("support", id.toString(), "agent", agent.toString(), "reason", SupportService.audited(why),
                            "recovery", recoveryId.toString()));
            return Outcome.done(mail.queue(supportCase, "support.approved", Map.of("case", SupportService.shortId(id),
                    "link", publicUrl + "/support/continue?token=" + token)));
        });
        if (told instanceof Outcome.Refused<UUID, SupportFailure> notTold) {
            return notTold.recast();
        }
        mail.sendNow(told.doneValue().orElseThrow());
        return Outcome.done(Approval.APPROVED);
    }

    /** Rejects with a reason, which the contact address is told. */
    public Outcome<SupportState, SupportFailure> reject(UUID id, AccountId agent, String reason, ClientAddress from) {
        Objects.requireNonNull(agent, "agent");
        Optional<SupportCase> found = cases.find(id);
        if (found.isEmpty()) {
            return Outcome.refused(SupportFailure.NOT_FOUND);
        }
        Optional<SupportFailure> refused = decidable(found.get(), agent, reason);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        String why = reason.strip();
        Outcome<UUID, SupportFailure> told = transactions.inTransaction(() -> {
            if (!cases.reject(id, agent, why, clock.instant())) {
                return Outcome.refused(current(id));
            }
            audit.record(AuditType.SUPPORT_REJECTED, found.get().accountId().orElse(null), from.value(),
                    Map.of("support", id.toString(), "agent", agent.toString(), "reason", SupportService.audited(why)));
            return Outcome.done(mail.queue(found.get(), "support.rejected", Map.of("case", SupportService.shortId(id), "reason", why)));
        });
        if (told instanceof Outcome.Refused<UUID, SupportFailure> notTold) {
            return notTold.recast();
        }
        mail.sendNow(told.doneValue().orElseThrow());
        return Outcome.done(SupportState.REJECTED);
    }

    private static Optional<SupportFailure> decidable(SupportCase supportCase, AccountId agent, String reason) {
        if (supportCase.state() != SupportState.OPEN) {
            return Optional.of(SupportFailure.NOT_OPEN);
        }
        if (supportCase.accountId().filter(agent::equals).isPresent()) {
            return Optional.of(SupportFailure.OWN_ACCOUNT);
        }
        if (reason == null || reason.isBlank()) {
            return Optional.of(SupportFailure.REASON_MISSING);
        }
        if (reason.strip().length() > SupportService.MAX_REASON_LENGTH) {
            return Optional.of(SupportFailure.REASON_TOO_LONG);
        }
        return Optional.empty();
    }

    /** Why a conditional update changed nothing: the case was decided meanwhile, or it is still open. */
    private SupportFailure current(UUID id) {
        return cases.find(id).filter(c -> c.state() == SupportState.OPEN).isPresent() ? SupportFailure.SAME_AGENT
                : SupportFailure.NOT_OPEN;
    }
}
