package dev.aikagi.core.settings;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.passkey.Passkey;
import dev.aikagi.core.factor.passkey.PasskeyCeremonies;
import dev.aikagi.core.factor.passkey.Passkeys;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The signed-in account's passkeys (issue 17): add one, list them, remove one. The rules of the other two-step
 * changes hold ({@link TwoStepSettings}): adding needs a recent sign-in or password and, with two-step verification
 * on, an AAL2 session; removing needs the password with the request. The first passkey of an account without
 * two-step verification turns it on exactly as the first authenticator app does: the first backup codes, every
 * other session ended, this session raised to AAL2. Adding and removing are audited, which tells the owner on the
 * other channels ({@code METHOD_ADDED}, {@code METHOD_REMOVED}).
 *
 * <p>The registration's challenge is bound to this session's id and used once (W3C WebAuthn Level 3 §13.4.3).
 */
public final class PasskeySettings {

    /** A passkey added; {@code firstBackupCodes} when this turned two-step verification on (and {@code raised}). */
    public record Added(Passkey passkey, Optional<IssuedBackupCodes> firstBackupCodes,
                        Optional<Sessions.Raised> raised) {
    }

    private final TwoStepSettings twoStep;
    private final Passkeys passkeys;
    private final AccountRepository accounts;
    private final AttemptGuard guard;
    private final Sessions sessions;
    private final Auditor audit;
    private final Clock clock;

    public PasskeySettings(TwoStepSettings twoStep, Passkeys passkeys, AccountRepository accounts, AttemptGuard guard,
                           Sessions sessions, Auditor audit, Clock clock) {
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The account's passkeys, oldest first. */
    public List<Passkey> list(AccountId accountId) {
        return passkeys.list(accountId);
    }

    /** Starts adding a passkey: the options for {@code navigator.credentials.create}, bound to this session. */
    public Outcome<Passkeys.RegistrationOptions, SettingsProblem> start(Session session) {
        Optional<SettingsProblem> refused = refusal(session);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        Account account = accounts.findById(session.accountId())
                .orElseThrow(() -> new IllegalStateException("session of a deleted account " + session.accountId()));
        return Outcome.done(passkeys.beginRegistration(account.id(), account.username(), session.id().toString(),
                clock.instant()));
    }

    /**
     * Finishes adding a passkey with the authenticator's answer (a RegistrationResponseJSON) and its name. The
     * first method turns two-step verification on ({@link TwoStepSettings#methodAdded}).
     */
    public Outcome<Added, SettingsProblem> confirm(Session session, String responseJson, String name, ClientAddress from) {
        Optional<SettingsProblem> refused = refusal(session);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        AccountId id = session.accountId();
        Instant now = clock.instant();
        AttemptGuard.Result attempt = guard.begin(FactorKind.PASSKEY, id.toString(), from.value(), now);
        if (attempt.rejection().isPresent()) {
            return SettingsProblem.rejected(attempt.rejection().get());
        }
        boolean wasEnabled = twoStep.isEnabled(id);
        // The passkey, its audit record and (the first time) the first backup codes: all or none. The challenge is
        // used up whatever the answer (it commits with a refusal too: nothing throws).
        Optional<Added> added = twoStep.inOneTransaction(() -> {
            Outcome<Passkey, PasskeyCeremonies.Invalid> registered = passkeys.register(id, session.id().toString(),
                    responseJson, name, now);
            if (registered instanceof Outcome.Refused<Passkey, PasskeyCeremonies.Invalid> invalid) {
                audit.record(AuditType.LOGIN_SECOND_FACTOR_FAILED, id, from.value(), Map.of("method",
                        FactorKind.PASSKEY.amr(), "reason", invalid.failure().name(), "step", "registration"));
                return Optional.<Added>empty();
            }
            Passkey passkey = ((Outcome.Done<Passkey, PasskeyCeremonies.Invalid>) registered).value();
            audit.record(AuditType.PASSKEY_ADDED, id, from.value(), Map.of("method", FactorKind.PASSKEY.amr()));
            TwoStepSettings.TurnedOn on = twoStep.methodAdded(session, FactorKind.PASSKEY, wasEnabled, from);
            return Optional.of(new Added(passkey, on.firstBackupCodes(), on.raised()));
        });
        if (added.isEmpty()) {
            return Outcome.refused(SettingsProblem.PASSKEY_INVALID);
        }
        guard.succeeded(attempt.ticket().orElseThrow());
        return Outcome.done(added.get());
    }

    /**
     * Removes one passkey after the password, as removing the app does; the last method of an account is removed
     * by turning two-step verification off instead.
     */
    public Outcome<List<Passkey>, SettingsProblem> remove(Session session, UUID passkeyId, String password,
                                                          ClientAddress from) {
        if (twoStep.needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        AccountId id = session.accountId();
        if (passkeyId == null || passkeys.list(id).stream().noneMatch(p -> p.id().equals(passkeyId))) {
            return Outcome.refused(SettingsProblem.PASSKEY_NOT_FOUND);
        }
        if (twoStep.methodCount(id) < 2) {
            return Outcome.refused(SettingsProblem.LAST_METHOD);
        }
        Outcome<Account, SettingsProblem> checked = twoStep.checkPassword(id, password, from);
        if (checked instanceof Outcome.Refused<?, SettingsProblem> refused) {
            return refused.recast();
        }
        sessions.markReauthenticated(session);
        boolean removed = twoStep.inOneTransaction(() -> {
            boolean gone = passkeys.remove(id, passkeyId);
            if (gone) {
                audit.record(AuditType.PASSKEY_REMOVED, id, from.value(), Map.of("method", FactorKind.PASSKEY.amr()));
            }
            return gone;
        });
        return removed ? Outcome.done(passkeys.list(id)) : Outcome.refused(SettingsProblem.PASSKEY_NOT_FOUND);
    }

    private Optional<SettingsProblem> refusal(Session session) {
        if (twoStep.needsSecondFactor(session)) {
            return Optional.of(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        if (!twoStep.isRecentlyAuthenticated(session)) {
            return Optional.of(SettingsProblem.REAUTHENTICATION_REQUIRED);
        }
        return Optional.empty();
    }
}
