package dev.aikagi.core.account;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Creating an account: a valid username, a password the policy accepts, stored as Argon2id. */
public final class SignUp {

    /** Why an account could not be created; each maps to a message key and an API code. */
    public enum Problem { USERNAME_INVALID, USERNAME_TAKEN, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, PASSWORD_COMMON, PASSWORD_CONTAINS_USERNAME,
        /** Too many sign-ups from this client address (or its IPv6 /64) in the last hour; see retryAt. */
        TOO_MANY_ATTEMPTS }

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final SecretGenerator generator;
    private final Auditor audit;
    private final Clock clock;
    private final Optional<SignUpLimit> limit;

    /** Without a per-address limit: for tests and tools that create accounts themselves. */
    public SignUp(AccountRepository accounts, PasswordHasher hasher, PasswordPolicy policy,
                  SecretGenerator generator, Auditor audit, Clock clock) {
        this(accounts, hasher, policy, generator, audit, Optional.empty(), clock);
    }

    /** With the per-address limit of {@code limit}, counted before any password is hashed. */
    public SignUp(AccountRepository accounts, PasswordHasher hasher, PasswordPolicy policy,
                  SecretGenerator generator, Auditor audit, SignUpLimit limit, Clock clock) {
        this(accounts, hasher, policy, generator, audit, Optional.of(Objects.requireNonNull(limit, "limit")), clock);
    }

    private SignUp(AccountRepository accounts, PasswordHasher hasher, PasswordPolicy policy,
                   SecretGenerator generator, Auditor audit, Optional<SignUpLimit> limit, Clock clock) {
        this.limit = limit;
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The new account's id, or the problem ({@code retryAt} with {@link Problem#TOO_MANY_ATTEMPTS}). */
    public Outcome<AccountId, Problem> register(String username, String password, String clientAddress) {
        // PRECIS and TS #39 for a new name; a look-alike of a taken one is a Conflict below (issue 14, point 5).
        Optional<String> canonical = Username.forNewAccount(username);
        if (canonical.isEmpty()) {
            return Outcome.refused(Problem.USERNAME_INVALID);
        }
        Optional<PasswordPolicy.Problem> weak = policy.check(password == null ? "" : password, canonical.get());
        if (weak.isPresent()) {
            return Outcome.refused(switch (weak.get()) {
                case TOO_SHORT -> Problem.PASSWORD_TOO_SHORT;
                case TOO_LONG -> Problem.PASSWORD_TOO_LONG;
                case COMMON -> Problem.PASSWORD_COMMON;
                case CONTAINS_USERNAME -> Problem.PASSWORD_CONTAINS_USERNAME;
            });
        }
        // Counted before the Argon2id hash, successful or not, so that a refused sign-up costs next to nothing.
        Optional<Instant> wait = limit.flatMap(l -> l.acquire(clientAddress, clock.instant()));
        if (wait.isPresent()) {
            audit.record(AuditType.SIGN_UP_THROTTLED, null, clientAddress, Map.of("step", "sign_up"));
            return Outcome.refusedUntil(Problem.TOO_MANY_ATTEMPTS, wait.get());
        }
        Account account = new Account(new AccountId(generator.uuid()), canonical.get(), hasher.hash(password),
                clock.instant());
        try {
            accounts.create(account);
        } catch (Conflict taken) {
            return Outcome.refused(Problem.USERNAME_TAKEN);
        }
        audit.record(AuditType.ACCOUNT_CREATED, account.id(), clientAddress);
        return Outcome.done(account.id());
    }
}
