package dev.aikagi.core.login;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.passkey.Passkey;
import dev.aikagi.core.factor.passkey.PasskeyCeremonies;
import dev.aikagi.core.factor.passkey.PasskeyChallenge;
import dev.aikagi.core.factor.passkey.Passkeys;
import dev.aikagi.core.notify.KnownDevices;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.ClientAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Logging in with a passkey (issue 17), in two ways, for the pages and the JSON API alike:
 *
 * <ul>
 *   <li>as the second step after the password ("Use a passkey"): the options list the account's passkeys and the
 *       challenge is bound to the flow;</li>
 *   <li>as a login of its own ("Log in with a passkey"): a new flow with a challenge of its own and no account yet;
 *       the authenticator picks a discoverable credential, and the credential says whose it is. Nothing before the
 *       answer is checked depends on an account, and every refusal is the same {@link LoginFailure#PASSKEY_INVALID},
 *       so the answers tell nobody whether an account exists (docs/STYLE.md rule 15).</li>
 * </ul>
 *
 * <p>Either way the session is AAL2 (NIST SP 800-63B-4 §2.2: a multi-factor cryptographic authenticator, user
 * verification required) and its {@code amr} is {@code ["pwd","hwk","user"]} after a password, or
 * {@code ["hwk","user","mfa"]} for a passkey alone ({@link LoginFlow#amr()}). Every answer counts on the
 * {@link FactorKind#PASSKEY} attempt budget, counted before the check (rule 11); refusals are audited with their
 * reason, a counter that did not grow as {@link AuditType#PASSKEY_REJECTED} too.
 */
public final class PasskeyLogin {

    /** The limits' subject of a login with a passkey alone whose credential names no account. */
    static final String UNKNOWN_CREDENTIAL = "passkey:unknown";

    /** A new login with a passkey alone: its flow and the options for {@code navigator.credentials.get}. */
    public record Started(LoginFlow flow, Passkeys.AssertionOptions options) {
    }

    private final Passkeys passkeys;
    private final dev.aikagi.core.account.AccountRepository accounts;
    private final LoginFlowRepository flows;
    private final AttemptGuard guard;
    private final KnownDevices devices;
    private final SecretGenerator generator;
    private final Auditor audit;
    private final Clock clock;

    public PasskeyLogin(Passkeys passkeys, dev.aikagi.core.account.AccountRepository accounts, LoginFlowRepository flows,
                        AttemptGuard guard, KnownDevices devices, SecretGenerator generator, Auditor audit, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
        this.flows = Objects.requireNonNull(flows, "flows");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** "Log in with a passkey": a new flow waiting for a passkey's answer, with its options (no account named). */
    public Started start() {
        Instant now = clock.instant();
        LoginFlow flow = LoginFlow.start(generator.uuid(), now);
        flows.create(flow);
        return new Started(flow, passkeys.beginAssertion(PasskeyChallenge.Purpose.LOGIN, flow.id().toString(),
                Optional.empty(), now));
    }

    /**
     * "Use a passkey" as the second step of {@code flowId}: the options, with a new challenge bound to the flow (each
     * call makes a new one; an older one stays usable until it expires or is used).
     */
    public Outcome<Passkeys.AssertionOptions, LoginFailure> secondStepOptions(UUID flowId) {
        Instant now = clock.instant();
        Optional<LoginFlow> open = awaiting(flowId, LoginState.AWAITING_SECOND_FACTOR, now);
        if (open.isEmpty()) {
            return Outcome.refused(LoginFailure.FLOW_EXPIRED);
        }
        LoginFlow flow = open.get();
        if (!flow.secondFactors().contains(FactorKind.PASSKEY)) {
            return Outcome.refused(LoginFailure.METHOD_NOT_AVAILABLE);
        }
        if (flow.challenge() != FactorKind.PASSKEY) {
            flows.update(flow.advance(new LoginEvent.MethodChosen(FactorKind.PASSKEY), now));
        }
        return Outcome.done(passkeys.beginAssertion(PasskeyChallenge.Purpose.SECOND_STEP, flowId.toString(),
                Optional.of(flow.accountId()), now));
    }

    /**
     * The options for the passkey page of {@code flowId}: the second step's (after the password), or those of a
     * login with a passkey alone started by {@link #start} (a new challenge for each; {@code secondStep} says which).
     */
    public Outcome<PageOptions, LoginFailure> pageOptions(UUID flowId) {
        Instant now = clock.instant();
        if (awaiting(flowId, LoginState.AWAITING_PASSWORD, now).isPresent()) {
            return Outcome.done(new PageOptions(false, passkeys.beginAssertion(PasskeyChallenge.Purpose.LOGIN,
                    flowId.toString(), Optional.empty(), now)));
        }
        return switch (secondStepOptions(flowId)) {
            case Outcome.Done<Passkeys.AssertionOptions, LoginFailure>(var options) ->
                    Outcome.done(new PageOptions(true, options));
            case Outcome.Refused<Passkeys.AssertionOptions, LoginFailure> refused -> refused.recast();
        };
    }

    /** The options of a passkey page, and whether they are the second step after a password. */
    public record PageOptions(boolean secondStep, Passkeys.AssertionOptions options) {
    }

    /**
     * A passkey's answer (an AuthenticationResponseJSON) for {@code flowId}: the second step of a flow past the
     * password, or the whole login of a flow started by {@link #start}.
     *
     * @param device the client's device value, if it sent one; a login completed here binds it, as any login does
     */
    public LoginResult verify(UUID flowId, String responseJson, ClientAddress from, Optional<String> device) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(device, "device");
        Instant now = clock.instant();
        Optional<LoginFlow> secondStep = awaiting(flowId, LoginState.AWAITING_SECOND_FACTOR, now);
        if (secondStep.isPresent()) {
            return verifySecondStep(secondStep.get(), responseJson, from, device, now);
        }
        Optional<LoginFlow> alone = awaiting(flowId, LoginState.AWAITING_PASSWORD, now);
        if (alone.isPresent()) {
            return verifyAlone(alone.get(), responseJson, from, device, now);
        }
        return LoginResult.Failed.of(LoginFailure.FLOW_EXPIRED);
    }

    private LoginResult verifySecondStep(LoginFlow flow, String responseJson, ClientAddress from,
                                         Optional<String> device, Instant now) {
        if (!flow.secondFactors().contains(FactorKind.PASSKEY)) {
            return LoginResult.Failed.of(LoginFailure.METHOD_NOT_AVAILABLE);
        }
        AccountId account = flow.accountId();
        AttemptGuard.Result attempt = begin(account, device, from, now);
        if (attempt.rejection().isPresent()) {
            return failed(attempt.rejection().get());
        }
        Outcome<Passkey, PasskeyCeremonies.Invalid> checked = passkeys.verifyAssertion(
                PasskeyChallenge.Purpose.SECOND_STEP, flow.id().toString(), Optional.of(account), responseJson, now);
        if (checked instanceof Outcome.Refused<Passkey, PasskeyCeremonies.Invalid> refused) {
            return refused(account, refused.failure(), from, "second_step");
        }
        Passkey passkey = ((Outcome.Done<Passkey, PasskeyCeremonies.Invalid>) checked).value();
        guard.succeededAndResetAccount(attempt.ticket().orElseThrow(), account.toString());
        if (disabled(account, from, "second_step")) {
            return LoginResult.Failed.of(LoginFailure.ACCOUNT_DISABLED);
        }
        LoginFlow next = flow.advance(new LoginEvent.SecondFactorVerified(FactorKind.PASSKEY), now);
        return finish(next, passkey, from, device);
    }

    private LoginResult verifyAlone(LoginFlow flow, String responseJson, ClientAddress from, Optional<String> device,
                                    Instant now) {
        // Counted per address, and per account of the credential the answer names (not yet checked), as the second
        // step is; an answer naming no registered credential counts on a budget of its own, which no owner's login
        // ever uses.
        Optional<AccountId> claimed = passkeys.claimedAccount(responseJson);
        AttemptGuard.Result attempt = claimed.isPresent()
                ? begin(claimed.get(), device, from, now)
                : guard.begin(FactorKind.PASSKEY, UNKNOWN_CREDENTIAL, from.value(), now);
        if (attempt.rejection().isPresent()) {
            if (claimed.isEmpty()) {
                audit.record(AuditType.LOGIN_THROTTLED, null, from.value(), Map.of("step", FactorKind.PASSKEY.amr()));
            }
            return failed(attempt.rejection().get());
        }
        Outcome<Passkey, PasskeyCeremonies.Invalid> checked = passkeys.verifyAssertion(PasskeyChallenge.Purpose.LOGIN,
                flow.id().toString(), Optional.empty(), responseJson, now);
        if (checked instanceof Outcome.Refused<Passkey, PasskeyCeremonies.Invalid> refused) {
            return refused(claimed.orElse(null), refused.failure(), from, "login");
        }
        Passkey passkey = ((Outcome.Done<Passkey, PasskeyCeremonies.Invalid>) checked).value();
        if (claimed.isPresent()) {
            guard.succeededAndResetAccount(attempt.ticket().orElseThrow(), claimed.get().toString());
        } else {
            guard.succeeded(attempt.ticket().orElseThrow());
        }
        // Issue 18: a disabled account is said so only after its passkey answered, as after the right password.
        if (disabled(passkey.accountId(), from, "login")) {
            return LoginResult.Failed.of(LoginFailure.ACCOUNT_DISABLED);
        }
        LoginFlow next = flow.advance(new LoginEvent.PasskeyVerified(passkey.accountId()), now);
        return finish(next, passkey, from, device);
    }

    private boolean disabled(AccountId account, ClientAddress from, String step) {
        if (accounts.findById(account).map(dev.aikagi.core.account.Account::isDisabled).orElse(true)) {
            audit.record(AuditType.LOGIN_REFUSED_DISABLED, account, from.value(), Map.of("step", "passkey_" + step));
            return true;
        }
        return false;
    }

    private AttemptGuard.Result begin(AccountId account, Optional<String> device, ClientAddress from, Instant now) {
        String subject = account.toString();
        Optional<String> binding = device.flatMap(d -> devices.recentBinding(account, d, now));
        AttemptGuard.Result attempt = binding.isPresent()
                ? guard.beginFromKnownDevice(FactorKind.PASSKEY, subject, binding.get(), now)
                : guard.begin(FactorKind.PASSKEY, subject, from.value(), now);
        if (attempt.rejection().isPresent()) {
            audit.record(AuditType.LOGIN_THROTTLED, account, from.value(), Map.of("step", FactorKind.PASSKEY.amr()));
        }
        return attempt;
    }

    private LoginResult refused(AccountId account, PasskeyCeremonies.Invalid reason, ClientAddress from, String step) {
        Map<String, String> details = Map.of("method", FactorKind.PASSKEY.amr(), "reason", reason.name(), "step", step);
        if (reason == PasskeyCeremonies.Invalid.COUNTER) {
            // Two copies of one credential, or a replayed answer: the owner is told (a possible clone).
            audit.record(AuditType.PASSKEY_REJECTED, account, from.value(), details);
        }
        audit.record(AuditType.LOGIN_SECOND_FACTOR_FAILED, account, from.value(), details);
        return LoginResult.Failed.of(LoginFailure.PASSKEY_INVALID);
    }

    /** Ends the login; the attempt was settled by the caller (the passkey was right). */
    private LoginResult finish(LoginFlow next, Passkey passkey, ClientAddress from, Optional<String> device) {
        if (!flows.update(next)) {
            // Another request finished this flow first; one flow makes one session.
            return LoginResult.Failed.of(LoginFailure.FLOW_EXPIRED);
        }
        device.ifPresent(d -> devices.bind(passkey.accountId(), d));
        audit.record(AuditType.LOGIN_SUCCEEDED, passkey.accountId(), from.value(),
                Map.of("amr", String.join(" ", next.amr())));
        return new LoginResult.Authenticated(next, OptionalInt.empty());
    }

    private static LoginResult.Failed failed(dev.aikagi.core.factor.Verification.Rejected rejected) {
        return new LoginResult.Failed(LoginFailure.of(rejected.reason()), rejected.retryAt());
    }

    private Optional<LoginFlow> awaiting(UUID flowId, LoginState state, Instant now) {
        if (flowId == null) {
            return Optional.empty();
        }
        return flows.find(flowId).filter(f -> !f.isExpiredAt(now)).filter(f -> f.state() == state);
    }
}
