package dev.aikagi.core.settings;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.code.SendResult;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.Verification;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.passkey.Passkey;
import dev.aikagi.core.factor.passkey.PasskeyCeremonies;
import dev.aikagi.core.factor.passkey.PasskeyChallenge;
import dev.aikagi.core.factor.passkey.Passkeys;
import dev.aikagi.core.factor.sms.SmsFactor;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Step-up: a signed-in session that proved only the password (AAL1) proves one of the account's second factors
 * and is raised to AAL2 (NIST SP 800-63B-4 §2.2.2; re-authentication at the account's AAL before binding or
 * changing authenticators, §4.1.2.1). A session opened before two-step verification was turned on is ended then
 * ({@link TwoStepSettings}); this is the way on for any other session at AAL1 on such an account, without logging
 * out.
 *
 * <p>The codes are the login's: the authenticator app, an SMS code bound to this session (as a login code is
 * bound to its login flow), or a backup code (used up). Every attempt counts on the same budgets as a login's
 * second step (the {@link AttemptGuard} keys of the account and the client address), so a stolen session cannot
 * guess faster than a login; failures are audited as failed second factors, which tells the owner.
 *
 * <p>A passkey steps up too: {@link #passkeyOptions} makes a challenge of purpose
 * {@link PasskeyChallenge.Purpose#STEP_UP} bound to the session (used once, like every challenge), and
 * {@link #verify} with {@link FactorKind#PASSKEY} takes the authenticator's answer (AuthenticationResponseJSON) as
 * its "code"; the session's {@code amr} gains {@code hwk} and {@code user}.
 */
public final class StepUp {

    /** An SMS code went out; {@code destination} is masked. */
    public record CodeSent(String destination, Instant nextSendAt) {
    }

    private final TotpAuthenticator totp;
    private final BackupCodes backupCodes;
    private final SmsFactor sms;
    private final Passkeys passkeys;
    private final AttemptGuard guard;
    private final Sessions sessions;
    private final Auditor audit;
    private final Clock clock;

    public StepUp(TotpAuthenticator totp, BackupCodes backupCodes, SmsFactor sms, AttemptGuard guard, Sessions sessions,
                  Auditor audit, Clock clock, Passkeys passkeys) {
        this.totp = Objects.requireNonNull(totp, "totp");
        this.backupCodes = Objects.requireNonNull(backupCodes, "backupCodes");
        this.sms = Objects.requireNonNull(sms, "sms");
        this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The second factors the account can step up with (empty when two-step verification is off). */
    public Set<FactorKind> methods(AccountId accountId) {
        Set<FactorKind> methods = EnumSet.noneOf(FactorKind.class);
        if (totp.isEnrolled(accountId)) {
            methods.add(FactorKind.TOTP);
        }
        if (sms.isEnrolled(accountId)) {
            methods.add(FactorKind.SMS);
        }
        if (passkeys.isEnrolled(accountId)) {
            methods.add(FactorKind.PASSKEY);
        }
        if (!methods.isEmpty() && backupCodes.hasCodes(accountId)) {
            methods.add(FactorKind.BACKUP_CODE);
        }
        return methods;
    }

    /** Where SMS codes go, masked, if SMS is one of the account's methods. */
    public Optional<String> smsDestination(AccountId accountId) {
        return sms.phone(accountId).map(p -> p.masked());
    }

    /** Sends an SMS code for this session's step-up (cooled down and capped per hour like a login code). */
    public Outcome<CodeSent, SettingsProblem> sendCode(Session session, ClientAddress from) {
        Optional<SettingsProblem> refused = refusal(session, FactorKind.SMS);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        AccountId id = session.accountId();
        SendResult result = sms.sendLoginCode(id, session.id(), clock.instant());
        return switch (result) {
            case SendResult.Sent sent -> {
                audit.record(AuditType.CODE_SENT, id, from.value(), Map.of("purpose", "step_up", "channel", "sms"));
                yield Outcome.done(new CodeSent(sent.destination(), sent.nextSendAt()));
            }
            case SendResult.Throttled throttled -> {
                audit.record(AuditType.CODE_SEND_THROTTLED, id, from.value(), Map.of("purpose", "step_up"));
                yield Outcome.refused(throttled.coolDown() ? SettingsProblem.SENT_RECENTLY
                        : SettingsProblem.TOO_MANY_SENDS, Optional.of(throttled.retryAt()));
            }
            case SendResult.DeliveryFailed failed -> {
                audit.record(AuditType.CODE_SEND_FAILED, id, from.value(), Map.of("purpose", "step_up"));
                yield Outcome.refused(SettingsProblem.DELIVERY_FAILED);
            }
            case SendResult.RegionNotAllowed notAllowed -> Outcome.refused(SettingsProblem.PHONE_REGION_NOT_ALLOWED);
        };
    }

    /**
     * The options for {@code navigator.credentials.get} to step up with a passkey: a new challenge bound to this
     * session, listing the account's passkeys (each call makes a new one; an older one stays usable until it
     * expires or is used).
     */
    public Outcome<Passkeys.AssertionOptions, SettingsProblem> passkeyOptions(Session session) {
        Optional<SettingsProblem> refused = refusal(session, FactorKind.PASSKEY);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        return Outcome.done(passkeys.beginAssertion(PasskeyChallenge.Purpose.STEP_UP, session.id().toString(),
                Optional.of(session.accountId()), clock.instant()));
    }

    /**
     * Checks a code of {@code method} (for {@link FactorKind#PASSKEY}, the authenticator's answer to the options of
     * {@link #passkeyOptions}); right, the session is raised to AAL2 (a browser session with a new token).
     * A session already at AAL2 is returned as it is, without a check.
     */
    public Outcome<Sessions.Raised, SettingsProblem> verify(Session session, FactorKind method, String code, ClientAddress from) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(from, "from");
        if (session.assurance() == AssuranceLevel.AAL2 && !session.isRecovery()) {
            return Outcome.done(new Sessions.Raised(session, Optional.empty()));
        }
        Optional<SettingsProblem> refused = refusal(session, method);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        AccountId id = session.accountId();
        Instant now = clock.instant();
        AttemptGuard.Result attempt = guard.begin(method, id.toString(), from.value(), now);
        if (attempt.rejection().isPresent()) {
            audit.record(AuditType.LOGIN_THROTTLED, id, from.value(), Map.of("step", "step_up"));
            return SettingsProblem.rejected(attempt.rejection().get());
        }
        Verification result = switch (method) {
            case TOTP -> totp.verify(id, code, now);
            case BACKUP_CODE -> backupCodes.verify(id, code, now);
            case SMS -> sms.verifyLoginCode(id, session.id(), code, now);
            case PASSWORD -> throw new AssertionError("refusal() lets no password through");
            case REMEMBERED_DEVICE -> throw new AssertionError("a remembered device is never enrolled");
            case PASSKEY -> passkey(session, code, from, now);
        };
        if (result instanceof Verification.Rejected && method == FactorKind.PASSKEY) {
            return Outcome.refused(SettingsProblem.PASSKEY_INVALID); // audited with its reason by passkey()
        }
        if (result instanceof Verification.Rejected rejectedCode) {
            audit.record(AuditType.LOGIN_SECOND_FACTOR_FAILED, id, from.value(), method == FactorKind.SMS
                    ? Map.of("method", method.amr(), "reason", rejectedCode.reason().name(), "step", "step_up",
                            "channel", "sms")
                    : Map.of("method", method.amr(), "reason", rejectedCode.reason().name(), "step", "step_up"));
            return SettingsProblem.rejected(rejectedCode);
        }
        guard.succeeded(attempt.ticket().orElseThrow());
        if (method == FactorKind.BACKUP_CODE) {
            audit.record(AuditType.BACKUP_CODE_USED, id, from.value(), Map.of("remaining",
                    String.valueOf(((Verification.Accepted) result).remainingCodes().orElse(0))));
        }
        Optional<Sessions.Raised> raised = sessions.raise(session, method);
        if (raised.isEmpty()) {
            // The session ended (or another request rotated it) while the code was checked.
            return Outcome.refused(SettingsProblem.REAUTHENTICATION_REQUIRED);
        }
        audit.record(AuditType.STEPPED_UP, id, from.value(), Map.of("method", method.amr()));
        return Outcome.done(raised.get());
    }

    /** A passkey's answer bound to this session's step-up challenge; refusals are audited as at login. */
    private Verification passkey(Session session, String responseJson, ClientAddress from, Instant now) {
        AccountId id = session.accountId();
        Outcome<Passkey, PasskeyCeremonies.Invalid> checked = responseJson == null
                ? Outcome.refused(PasskeyCeremonies.Invalid.MALFORMED)
                : passkeys.verifyAssertion(PasskeyChallenge.Purpose.STEP_UP, session.id().toString(), Optional.of(id),
                        responseJson, now);
        if (checked instanceof Outcome.Refused<Passkey, PasskeyCeremonies.Invalid> refused) {
            Map<String, String> details = Map.of("method", FactorKind.PASSKEY.amr(), "reason",
                    refused.failure().name(), "step", "step_up");
            if (refused.failure() == PasskeyCeremonies.Invalid.COUNTER) {
                // Two copies of one credential, or a replayed answer: the owner is told (a possible clone).
                audit.record(AuditType.PASSKEY_REJECTED, id, from.value(), details);
            }
            audit.record(AuditType.LOGIN_SECOND_FACTOR_FAILED, id, from.value(), details);
            return Verification.Rejected.of(dev.aikagi.core.factor.RejectReason.WRONG_CODE);
        }
        return Verification.Accepted.of(FactorKind.PASSKEY);
    }

    /**
     * Why this session cannot step up with {@code method}: a recovery session never does (it stays limited to
     * setting the account up again), and the method must be one of the account's second factors.
     */
    private Optional<SettingsProblem> refusal(Session session, FactorKind method) {
        if (session.isRecovery()) {
            return Optional.of(SettingsProblem.TWO_STEP_NOT_ENABLED);
        }
        Set<FactorKind> methods = methods(session.accountId());
        if (methods.isEmpty()) {
            return Optional.of(SettingsProblem.TWO_STEP_NOT_ENABLED);
        }
        return methods.contains(method) ? Optional.empty() : Optional.of(SettingsProblem.METHOD_NOT_AVAILABLE);
    }

}
