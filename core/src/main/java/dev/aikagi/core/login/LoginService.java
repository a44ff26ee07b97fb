package dev.aikagi.core.login;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.Username;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.code.SendResult;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.RejectReason;
import dev.aikagi.core.factor.Verification;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.passkey.PasskeyEnrollment;
import dev.aikagi.core.factor.password.HashingBusyException;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.sms.SmsFactor;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.notify.KnownDevices;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.ClientAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * Runs the login journey: password, then a second factor of the account's choosing. Pages and the JSON
 * API both call this one service.
 *
 * <p>Before the password is right nothing reveals whether the account exists: an unknown or malformed
 * username costs the same Argon2id work (a dummy hash) and gets the same answer as a wrong password,
 * and the password's failure budget is keyed by the username typed, whether or not it exists.
 *
 * <p>A device that completed a full login to the account in the last 30 days (its device value, bound by
 * {@link KnownDevices}) counts its attempts at both steps on a budget of its own, so failures from other
 * devices and addresses never keep the owner out (OWASP "Slow Down Online Guessing Attacks with Device
 * Cookies"; NIST SP 800-63B-4 §3.2.2; STANDARDS rule 24). Every other client counts per account and per
 * client address as before.
 */
public final class LoginService {

    /** The subject of limits and cases for a username that is not valid (and so names no account). */
    static final String INVALID_USERNAME = "!invalid";

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final TotpAuthenticator totp;
    private final BackupCodes backupCodes;
    private final SmsFactor sms;
    private final LoginFlowRepository flows;
    private final AttemptGuard guard;
    private final KnownDevices devices;
    private final SecretGenerator generator;
    private final Auditor audit;
    private final Clock clock;
    private final PasskeyEnrollment passkeys;

    /** A login service for accounts without passkeys (the core's older tests). */
    public LoginService(AccountRepository accounts, PasswordHasher hasher, TotpAuthenticator totp,
                        BackupCodes backupCodes, SmsFactor sms, LoginFlowRepository flows, AttemptGuard guard,
                        KnownDevices devices, SecretGenerator generator, Auditor audit, Clock clock) {
        this(accounts, hasher, totp, backupCodes, sms, flows, guard, devices, generator, audit, clock,
                PasskeyEnrollment.NONE);
    }

    /** @param passkeys the accounts' passkeys: an account with one is offered "Use a passkey" (issue 17) */
    public LoginService(AccountRepository accounts, PasswordHasher hasher, TotpAuthenticator totp,
                        BackupCodes backupCodes, SmsFactor sms, LoginFlowRepository flows, AttemptGuard guard,
                        KnownDevices devices, SecretGenerator generator, Auditor audit, Clock clock,
                        PasskeyEnrollment passkeys) {
        this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.totp = Objects.requireNonNull(totp, "totp");
        this.backupCodes = Objects.requireNonNull(backupCodes, "backupCodes");
        this.sms = Objects.requireNonNull(sms, "sms");
        this.flows = Objects.requireNonNull(flows, "flows");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The first step: username and password, from a client without a device value. */
    public LoginResult submitPassword(String username, String password, ClientAddress from) {
        return submitPassword(username, password, from, Optional.empty());
    }

    /**
     * The first step: username and password.
     *
     * @param device the client's device value (page cookie or {@code Aikagi-Device}), if it sent one: a
     *               device bound to this account by a recent full login counts on its own budget, and a
     *               login completed here binds it
     */
    public LoginResult submitPassword(String username, String password, ClientAddress from, Optional<String> device) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(device, "device");
        Instant now = clock.instant();
        Optional<String> canonical = Username.canonical(username);
        // '!' never occurs in a canonical username. (Not NUL: PostgreSQL text cannot store it, and every invalid
        // username answered 500 there.)
        String subject = "user:" + canonical.orElse(INVALID_USERNAME);
        // Looked up before the limits so that a known device can be recognised; the answer for an unknown
        // account is still the same as for a wrong password.
        Optional<Account> account = canonical.flatMap(accounts::findByUsername);
        Optional<String> binding = account.flatMap(a -> device.flatMap(d -> devices.recentBinding(a.id(), d, now)));
        AttemptGuard.Result attempt = binding.isPresent()
                ? guard.beginFromKnownDevice(FactorKind.PASSWORD, account.get().id().toString(), binding.get(), now)
                : guard.begin(FactorKind.PASSWORD, subject, from.value(), now);
        if (attempt.rejection().isPresent()) {
            audit.record(AuditType.LOGIN_THROTTLED, null, from.value(), Map.of("step", "password"));
            return failed(attempt.rejection().get());
        }
        String typed = password == null ? "" : password;
        if (account.isEmpty()) {
            verifyOrGiveBack(() -> {
                hasher.verifyAgainstDummy(typed);
                return false;
            }, attempt);
            audit.record(AuditType.LOGIN_PASSWORD_FAILED, null, from.value());
            return LoginResult.Failed.of(LoginFailure.INVALID_CREDENTIALS);
        }
        Account found = account.get();
        if (!verifyOrGiveBack(() -> hasher.verify(typed, found.passwordHash()), attempt)) {
            audit.record(AuditType.LOGIN_PASSWORD_FAILED, found.id(), from.value());
            return LoginResult.Failed.of(LoginFailure.INVALID_CREDENTIALS);
        }
        guard.succeeded(attempt.ticket().orElseThrow());
        if (found.isDisabled()) {
            audit.record(AuditType.LOGIN_REFUSED_DISABLED, found.id(), from.value(), Map.of("step", "password"));
            return LoginResult.Failed.of(LoginFailure.ACCOUNT_DISABLED);
        }
        if (hasher.needsRehash(found.passwordHash())) {
            accounts.updatePasswordHash(found.id(), hasher.hash(typed));
        }
        Set<FactorKind> secondFactors = secondFactors(found);
        FactorKind defaultMethod = defaultMethod(secondFactors);
        LoginFlow flow = LoginFlow.start(generator.uuid(), now)
                .advance(new LoginEvent.PasswordVerified(found.id(), secondFactors, defaultMethod), now);
        flows.create(flow);
        if (flow.isAuthenticated()) {
            device.ifPresent(d -> devices.bind(found.id(), d));
            audit.record(AuditType.LOGIN_SUCCEEDED, found.id(), from.value(), Map.of("amr", String.join(" ", flow.amr())));
            return new LoginResult.Authenticated(flow, OptionalInt.empty());
        }
        return new LoginResult.SecondFactorRequired(flow);
    }

    /** "Try another way": switch the challenge to another enrolled method. */
    public LoginResult chooseMethod(UUID flowId, FactorKind method) {
        Instant now = clock.instant();
        Optional<LoginFlow> open = openFlow(flowId, now);
        if (open.isEmpty()) {
            return LoginResult.Failed.of(LoginFailure.FLOW_EXPIRED);
        }
        LoginFlow flow = open.get();
        if (!flow.secondFactors().contains(method)) {
            return LoginResult.Failed.of(LoginFailure.METHOD_NOT_AVAILABLE);
        }
        LoginFlow next = flow.advance(new LoginEvent.MethodChosen(method), now);
        return flows.update(next) ? new LoginResult.SecondFactorRequired(next) : LoginResult.Failed.of(LoginFailure.FLOW_EXPIRED);
    }

    /** The second step: a code of one of the account's methods, from a client without a device value. */
    public LoginResult verifySecondFactor(UUID flowId, FactorKind method, String code, ClientAddress from) {
        return verifySecondFactor(flowId, method, code, from, Optional.empty());
    }

    /**
     * The second step: a code of one of the account's methods.
     *
     * @param device the client's device value, if it sent one: a device bound to the account by a recent
     *               full login counts on its own budget, so wrong codes sent by someone else who has the
     *               password do not lock the owner's device out; a login completed here binds it
     */
    public LoginResult verifySecondFactor(UUID flowId, FactorKind method, String code, ClientAddress from,
                                          Optional<String> device) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(device, "device");
        Instant now = clock.instant();
        Optional<LoginFlow> open = openFlow(flowId, now);
        if (open.isEmpty()) {
            return LoginResult.Failed.of(LoginFailure.FLOW_EXPIRED);
        }
        return verify(open.get(), method, code, from, device, now);
    }

    /**
     * The second step of the login pages: a code of the flow's current challenge, the method kept on the server
     * (a tampered form cannot pick another). The same as {@link #verifySecondFactor} with the flow's challenge,
     * with the flow read once rather than once by the page and again here (issue 15).
     */
    public LoginResult verifyChallenge(UUID flowId, String code, ClientAddress from, Optional<String> device) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(device, "device");
        Instant now = clock.instant();
        Optional<LoginFlow> open = openFlow(flowId, now);
        if (open.isEmpty()) {
            return LoginResult.Failed.of(LoginFailure.FLOW_EXPIRED);
        }
        return verify(open.get(), open.get().challenge(), code, from, device, now);
    }

    private LoginResult verify(LoginFlow flow, FactorKind method, String code, ClientAddress from,
                               Optional<String> device, Instant now) {
        if (!flow.secondFactors().contains(method)) {
            return LoginResult.Failed.of(LoginFailure.METHOD_NOT_AVAILABLE);
        }
        if (accounts.findById(flow.accountId()).map(Account::isDisabled).orElse(true)) {
            // Disabled (or erased) between the password and this step.
            audit.record(AuditType.LOGIN_REFUSED_DISABLED, flow.accountId(), from.value(), Map.of("step", method.amr()));
            return LoginResult.Failed.of(LoginFailure.ACCOUNT_DISABLED);
        }
        String subject = flow.accountId().toString();
        Optional<String> binding = device.flatMap(d -> devices.recentBinding(flow.accountId(), d, now));
        AttemptGuard.Result attempt = binding.isPresent()
                ? guard.beginFromKnownDevice(method, subject, binding.get(), now)
                : guard.begin(method, subject, from.value(), now);
        if (attempt.rejection().isPresent()) {
            audit.record(AuditType.LOGIN_THROTTLED, flow.accountId(), from.value(), Map.of("step", method.amr()));
            return failed(attempt.rejection().get());
        }
        Verification result = switch (method) {
            case TOTP -> totp.verify(flow.accountId(), code, now);
            case BACKUP_CODE -> backupCodes.verify(flow.accountId(), code, now);
            case SMS -> sms.verifyLoginCode(flow.accountId(), flow.id(), code, now);
            // A passkey answers with an assertion, not a code: PasskeyLogin checks it.
            case PASSKEY -> new Verification.Rejected(RejectReason.MALFORMED_INPUT, Optional.empty());
            case PASSWORD -> throw new AssertionError("the password is never a second factor");
            case REMEMBERED_DEVICE -> throw new AssertionError("a remembered device is never enrolled");
        };
        if (result instanceof Verification.Rejected rejected) {
            audit.record(AuditType.LOGIN_SECOND_FACTOR_FAILED, flow.accountId(), from.value(), method == FactorKind.SMS
                    ? Map.of("method", method.amr(), "reason", rejected.reason().name(), "channel", "sms")
                    : Map.of("method", method.amr(), "reason", rejected.reason().name()));
            return failed(rejected);
        }
        LoginFlow next = flow.advance(new LoginEvent.SecondFactorVerified(method), now);
        if (!flows.update(next)) {
            // Another request finished this flow first; one flow makes one session.
            guard.succeeded(attempt.ticket().orElseThrow());
            return LoginResult.Failed.of(LoginFailure.FLOW_EXPIRED);
        }
        guard.succeededAndResetAccount(attempt.ticket().orElseThrow(), subject);
        device.ifPresent(d -> devices.bind(flow.accountId(), d));
        OptionalInt remaining = ((Verification.Accepted) result).remainingCodes();
        if (method == FactorKind.BACKUP_CODE) {
            audit.record(AuditType.BACKUP_CODE_USED, flow.accountId(), from.value(),
                    Map.of("remaining", String.valueOf(remaining.orElse(0))));
        }
        audit.record(AuditType.LOGIN_SUCCEEDED, flow.accountId(), from.value(), Map.of("amr", String.join(" ", next.amr())));
        return new LoginResult.Authenticated(next, remaining);
    }

    /**
     * Sends a login code by SMS for this flow ("send code" and "send again"). Sending again is cooled
     * down and capped per hour (account and number) and never resets the failure count of the codes.
     */
    public Outcome<SendResult.Sent, LoginFailure> sendCode(UUID flowId, FactorKind method, ClientAddress from) {
        Objects.requireNonNull(from, "from");
        Instant now = clock.instant();
        Optional<LoginFlow> open = openFlow(flowId, now);
        if (open.isEmpty()) {
            return Outcome.refused(LoginFailure.FLOW_EXPIRED);
        }
        LoginFlow flow = open.get();
        if (method != FactorKind.SMS || !flow.secondFactors().contains(FactorKind.SMS)) {
            return Outcome.refused(LoginFailure.METHOD_NOT_AVAILABLE);
        }
        if (flow.challenge() != FactorKind.SMS) {
            LoginFlow next = flow.advance(new LoginEvent.MethodChosen(FactorKind.SMS), now);
            if (!flows.update(next)) {
                return Outcome.refused(LoginFailure.FLOW_EXPIRED);
            }
            flow = next;
        }
        SendResult result = sms.sendLoginCode(flow.accountId(), flow.id(), from.value(), now);
        return switch (result) {
            case SendResult.Sent sent -> {
                audit.record(AuditType.CODE_SENT, flow.accountId(), from.value(), Map.of("purpose", "login", "channel", "sms"));
                yield Outcome.done(sent);
            }
            case SendResult.Throttled throttled -> {
                audit.record(AuditType.CODE_SEND_THROTTLED, flow.accountId(), from.value(), Map.of("purpose", "login"));
                yield Outcome.refusedUntil(throttled.coolDown() ? LoginFailure.SENT_RECENTLY
                        : LoginFailure.TOO_MANY_SENDS, throttled.retryAt());
            }
            case SendResult.DeliveryFailed failed -> {
                audit.record(AuditType.CODE_SEND_FAILED, flow.accountId(), from.value(), Map.of("purpose", "login"));
                yield Outcome.refused(LoginFailure.DELIVERY_FAILED);
            }
            // The number was verified before the operator narrowed the allowed regions: nothing is sent.
            case SendResult.RegionNotAllowed refused ->
                    Outcome.refused(LoginFailure.PHONE_REGION_NOT_ALLOWED);
        };
    }

    /** Where SMS codes of this flow's account go, masked ({@code •••• ••12}). */
    public Optional<String> smsDestination(LoginFlow flow) {
        return flow.accountId() == null ? Optional.empty() : sms.phone(flow.accountId()).map(p -> p.masked());
    }


    /** The flow, if it exists, has not expired and still waits for a second factor. */
    public Optional<LoginFlow> openFlow(UUID flowId, Instant now) {
        if (flowId == null) {
            return Optional.empty();
        }
        return flows.find(flowId)
                .filter(f -> !f.isExpiredAt(now))
                .filter(f -> f.state() == LoginState.AWAITING_SECOND_FACTOR);
    }

    private Set<FactorKind> secondFactors(Account account) {
        Set<FactorKind> kinds = EnumSet.noneOf(FactorKind.class);
        if (totp.isEnrolled(account.id())) {
            kinds.add(FactorKind.TOTP);
        }
        if (sms.isEnrolled(account.id())) {
            kinds.add(FactorKind.SMS);
        }
        if (backupCodes.hasCodes(account.id())) {
            kinds.add(FactorKind.BACKUP_CODE);
        }
        if (passkeys.isEnrolled(account.id())) {
            kinds.add(FactorKind.PASSKEY);
        }
        return kinds;
    }

    /** The authenticator app if there is one, then SMS, then a passkey; backup codes only when nothing else is left. */
    private static FactorKind defaultMethod(Set<FactorKind> secondFactors) {
        if (secondFactors.contains(FactorKind.TOTP)) {
            return FactorKind.TOTP;
        }
        if (secondFactors.contains(FactorKind.SMS)) {
            return FactorKind.SMS;
        }
        return secondFactors.contains(FactorKind.PASSKEY) ? FactorKind.PASSKEY : FactorKind.BACKUP_CODE;
    }

    private static LoginResult.Failed failed(Verification.Rejected rejected) {
        return new LoginResult.Failed(LoginFailure.of(rejected.reason()), rejected.retryAt());
    }

    /** Runs the hash; if the hash workers refuse it as busy, nothing was checked, so the attempt is given back. */
    private boolean verifyOrGiveBack(java.util.function.BooleanSupplier check, AttemptGuard.Result attempt) {
        try {
            return check.getAsBoolean();
        } catch (HashingBusyException busy) {
            guard.notChecked(attempt.ticket().orElseThrow());
            throw busy;
        }
    }
}
