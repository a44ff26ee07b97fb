package dev.aikagi.core.login;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.session.AssuranceLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One login attempt as a persisted state machine (see {@code login-state.mmd}). Immutable:
 * {@link #advance} returns the next flow or throws {@link IllegalStateException} for a transition the
 * diagram does not have. The flow can only become {@link LoginState#AUTHENTICATED} with the password and,
 * when the account has second factors, one of them completed.
 *
 * @param accountId null until the password was verified
 * @param secondFactors the account's enrolled second factors ("try another way" offers these)
 * @param challenge the second-factor method currently asked for; null outside AWAITING_SECOND_FACTOR
 * @param version incremented by every transition; repositories update only the version they read
 */
public record LoginFlow(UUID id, LoginState state, AccountId accountId, Set<FactorKind> secondFactors,
                        FactorKind challenge, List<CompletedFactor> completed, Instant createdAt,
                        Instant expiresAt, int version) {

    /** How long a login may take from the first page to the last code. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    public LoginFlow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        secondFactors = Set.copyOf(secondFactors);
        completed = List.copyOf(completed);
    }

    public static LoginFlow start(UUID id, Instant now) {
        return new LoginFlow(id, LoginState.AWAITING_PASSWORD, null, Set.of(), null, List.of(), now,
                now.plus(LIFETIME), 0);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean isAuthenticated() {
        return state == LoginState.AUTHENTICATED;
    }

    public AssuranceLevel assuranceLevel() {
        return completed.stream().anyMatch(f -> f.kind().isSecondFactor()) ? AssuranceLevel.AAL2 : AssuranceLevel.AAL1;
    }

    /**
     * Issue 17: whether the login's second step may be remembered on this browser or app: it was completed with
     * a method of {@link CompletedFactor#REMEMBERING_METHODS} (never a backup code, the "phone is gone" path).
     */
    public boolean mayRememberDevice() {
        // After the password only: a login with a passkey alone has nothing to skip next time.
        return isAuthenticated() && !completed.isEmpty() && completed.getLast().letsRememberDevice()
                && completed.stream().anyMatch(f -> f.kind() == FactorKind.PASSWORD);
    }

    /**
     * The {@code amr} values of the completed factors, in order ({@link FactorKind#amrValues()}). A login with a
     * passkey alone adds {@code mfa} (RFC 8176 §2): the passkey with user verification is a multi-factor
     * authenticator (NIST SP 800-63B-4 §3.1.7), which {@code hwk} and {@code user} alone would not tell.
     */
    public List<String> amr() {
        List<String> amr = new ArrayList<>(completed.stream().flatMap(f -> f.kind().amrValues().stream()).toList());
        boolean passkeyAlone = completed.size() == 1 && completed.get(0).kind() == FactorKind.PASSKEY;
        if (passkeyAlone) {
            amr.add("mfa");
        }
        return List.copyOf(amr);
    }

    public LoginFlow advance(LoginEvent event, Instant now) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(now, "now");
        if (isExpiredAt(now)) {
            throw new IllegalStateException("login flow " + id + " expired at " + expiresAt);
        }
        return switch (event) {
            case LoginEvent.PasswordVerified p -> {
                require(LoginState.AWAITING_PASSWORD, event);
                List<CompletedFactor> done = with(new CompletedFactor(FactorKind.PASSWORD, now));
                yield p.secondFactors().isEmpty()
                        ? next(LoginState.AUTHENTICATED, p.accountId(), Set.of(), null, done)
                        : next(LoginState.AWAITING_SECOND_FACTOR, p.accountId(), p.secondFactors(), p.defaultMethod(), done);
            }
            case LoginEvent.MethodChosen m -> {
                require(LoginState.AWAITING_SECOND_FACTOR, event);
                requireEnrolled(m.method());
                yield next(state, accountId, secondFactors, m.method(), completed);
            }
            case LoginEvent.PasskeyVerified p -> {
                require(LoginState.AWAITING_PASSWORD, event);
                yield next(LoginState.AUTHENTICATED, p.accountId(), Set.of(), null,
                        with(new CompletedFactor(FactorKind.PASSKEY, now)));
            }
            case LoginEvent.SecondFactorVerified v -> {
                require(LoginState.AWAITING_SECOND_FACTOR, event);
                requireEnrolled(v.method());
                yield next(LoginState.AUTHENTICATED, accountId, secondFactors, null,
                        with(new CompletedFactor(v.method(), now)));
            }
            case LoginEvent.DeviceRemembered r -> {
                require(LoginState.AWAITING_SECOND_FACTOR, event);
                yield next(LoginState.AUTHENTICATED, accountId, secondFactors, null,
                        with(new CompletedFactor(FactorKind.REMEMBERED_DEVICE, now)));
            }
        };
    }

    private void require(LoginState expected, LoginEvent event) {
        if (state != expected) {
            throw new IllegalStateException(event.getClass().getSimpleName() + " is not allowed in state " + state);
        }
    }

    private void requireEnrolled(FactorKind method) {
        if (!secondFactors.contains(method)) {
            throw new IllegalStateException(method + " is not enrolled for this account");
        }
    }

    private List<CompletedFactor> with(CompletedFactor factor) {
        List<CompletedFactor> out = new ArrayList<>(completed);
        out.add(factor);
        return out;
    }

    private LoginFlow next(LoginState newState, AccountId account, Set<FactorKind> factors, FactorKind newChallenge,
                           List<CompletedFactor> done) {
        return new LoginFlow(id, newState, account, factors, newChallenge, done, createdAt, expiresAt, version + 1);
    }
}
