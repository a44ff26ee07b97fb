package dev.aikagi.core.settings;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.factor.password.PasswordHash;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.trust.TrustedDevices;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Changing the password. The current password is asked for, except in the session a completed account
 * recovery opened (the person proved two other things and may well have forgotten it). The new one must
 * pass the policy; every other session of the account ends, and the other channels are told. On an account
 * with two-step verification on, only a session at AAL2 (or the recovery session) may change it.
 */
public final class PasswordChange {

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final TwoStepSettings twoStep;
    private final Sessions sessions;
    private final Auditor audit;
    private final TrustedDevices trusted;

    public PasswordChange(AccountRepository accounts, PasswordHasher hasher, PasswordPolicy policy,
                          TwoStepSettings twoStep, Sessions sessions, Auditor audit, TrustedDevices trusted) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.trusted = Objects.requireNonNull(trusted, "trusted");
    }

    /** @return the number of other sessions ended */
    public Outcome<Integer, SettingsProblem> change(Session session, String currentPassword, String newPassword,
                                           ClientAddress from) {
        if (twoStep.needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        Optional<Account> account;
        if (session.isRecovery()) {
            account = accounts.findById(session.accountId());
        } else {
            Outcome<Account, SettingsProblem> checked = twoStep.checkPassword(session.accountId(), currentPassword, from);
            if (checked instanceof Outcome.Refused<?, SettingsProblem> refused) {
                return refused.recast();
            }
            account = checked.doneValue();
        }
        if (account.isEmpty()) {
            return Outcome.refused(SettingsProblem.PASSWORD_WRONG);
        }
        Optional<PasswordPolicy.Problem> weak = policy.check(newPassword == null ? "" : newPassword,
                account.get().username());
        if (weak.isPresent()) {
            return Outcome.refused(switch (weak.get()) {
                case TOO_SHORT -> SettingsProblem.PASSWORD_TOO_SHORT;
                case TOO_LONG -> SettingsProblem.PASSWORD_TOO_LONG;
                case COMMON -> SettingsProblem.PASSWORD_COMMON;
                case CONTAINS_USERNAME -> SettingsProblem.PASSWORD_CONTAINS_USERNAME;
            });
        }
        AccountId id = account.get().id();
        PasswordHash hash = hasher.hash(newPassword);
        // Issue 17: the new password and the end of every trusted device go together (a thief's trusted browser
        // must not outlive the password it learnt).
        int ended = twoStep.inOneTransaction(() -> {
            accounts.updatePasswordHash(id, hash);
            int others = sessions.endOthers(session);
            trusted.endAll(id, from.value(), "password");
            audit.record(AuditType.PASSWORD_CHANGED, id, from.value(),
                    Map.of("sessionsEnded", String.valueOf(others), "recovery", String.valueOf(session.isRecovery())));
            return others;
        });
        return Outcome.done(ended);
    }
}
