package dev.aikagi.core.recovery;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.Username;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.code.CodePurpose;
import dev.aikagi.core.code.CodeSender;
import dev.aikagi.core.code.SendResult;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.Verification;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.password.HashingBusyException;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.policy.AttemptBudget;
import dev.aikagi.core.policy.AttemptDecision;
import dev.aikagi.core.policy.AttemptRepository;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Sessions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Account recovery for people who have neither their phone's app nor their backup codes (product
 * journey 7). It never bypasses the second factor:
 *
 * <ol>
 *   <li>{@link #start}: a case for the username typed, known or not (the answer is the same);</li>
 *   <li>{@link #sendCode} / {@link #verify}: two independent proofs — codes sent to two verified channels,
 *       or one such code plus the password ({@link RecoveryCase#sufficient});</li>
 *   <li>a waiting period ({@link RecoveryPolicy#waitingPeriod()}) during which every channel is told and
 *       the owner can cancel with the notice's link or by simply logging in;</li>
 *   <li>{@link RecoveryCompletion#complete}: once, after the wait. Every session and known device ends, the authenticator app
 *       and the old backup codes stop working, new backup codes are issued, and the session opened is good
 *       only for setting a new password and new factors. Email and phone stay frozen for a while.</li>
 * </ol>
 *
 * <p>Unknown usernames and channels an account lacks take the same path: a case is stored, sends are
 * counted against the same limits, a password is hashed against a dummy — and every proof is refused.
 *
 * <p>A case belongs to whoever started it (issue 14): {@link #start} hands out a secret recovery token
 * ({@link RecoveryTokens}) with the case's id, and every later step needs both. The id alone — which the audit
 * log, its export and the support console show — reads, proves and completes nothing: a missing or wrong token
 * gets the same {@link RecoveryFailure#NOT_FOUND} as an unknown id, after the same work.
 *
 * <p>Wrong proofs are limited so that nobody else's failures can keep the owner out (STANDARDS.md 24, NIST SP
 * 800-63B-4 §3.2.2), and so that starting case after case buys an attacker nothing:
 * <ul>
 *   <li>per client address ({@link #PER_ADDRESS});</li>
 *   <li>per case ({@link #PER_CASE}): the failures of a case are forgotten with it — when it is completed,
 *       cancelled or expires nobody can give a proof in it any more, and a new case starts from zero. That is
 *       safe for the codes because a code is good only in the case it was sent for, and sends are limited per
 *       username, destination and client address (at most 5 an hour per channel by default): an attacker who
 *       starts case after case still gets at most {@code PER_CASE} guesses at each of those few codes, each
 *       guess one in a million. The owner's own case never inherits anyone's failures.</li>
 *   <li>per username, for the password only ({@link #PASSWORD_PER_USERNAME}): the password is the one proof
 *       that new cases would give fresh guesses at, so its failures are <em>not</em> forgotten when a case
 *       closes (only the owner's success resets them) — start, fail, let it expire, start again gains nothing.
 *       To keep that budget from becoming an attacker's lock-out, it is kept in two pools: guesses in cases
 *       that have not yet proven a channel, and guesses in cases that have (only someone who receives the
 *       owner's email or text messages can spend the second pool). Whatever a stranger does, the owner can
 *       prove a channel first and then the password.</li>
 * </ul>
 */
public final class RecoveryService {

    /** The subject of limits and cases for a username that is not valid (and so names no account). */
    static final String INVALID_USERNAME = "!invalid";

    /**
     * Wrong passwords per username (in each of the two pools, see above): 5 free, then waits doubling from a
     * minute to an hour. Never a lockout; reset by the owner's success.
     */
    static final AttemptBudget PASSWORD_PER_USERNAME = new AttemptBudget(5, Duration.ofMinutes(1), Duration.ofHours(1),
            0, Duration.ZERO);
    /**
     * Wrong proofs per case: 5 free, then waits doubling from 5 minutes to an hour — within the case's hour for
     * proofs, about 8 guesses in all. Forgotten with the case.
     */
    static final AttemptBudget PER_CASE = new AttemptBudget(5, Duration.ofMinutes(5), Duration.ofHours(1), 0,
            Duration.ZERO);
    /**
     * Code sends per client address, whatever the username: 10 free, then waits doubling from a minute to an
     * hour; forgotten after a quiet hour. (Per username and per destination they are limited by
     * {@link dev.aikagi.core.code.SendLimits}.) Unknown usernames are counted alike.
     */
    static final AttemptBudget SENDS_PER_ADDRESS = new AttemptBudget(10, Duration.ofMinutes(1), Duration.ofHours(1), 0,
            Duration.ofHours(1));
    /** Recovery steps per client address: 20 free, then waits doubling to 10 minutes; forgotten after an hour. */
    static final AttemptBudget PER_ADDRESS = new AttemptBudget(20, Duration.ofSeconds(2), Duration.ofMinutes(10), 0,
            Duration.ofHours(1));
    /** New cases per client address: 10 free, then one a minute at most, doubling to an hour. */
    static final AttemptBudget STARTS_PER_ADDRESS = new AttemptBudget(10, Duration.ofMinutes(1), Duration.ofHours(1), 0,
            Duration.ofHours(1));

    /** An account id no account has: codes are "checked" against it for unknown usernames. */
    private static final AccountId NOBODY = new AccountId(new UUID(0, 0));
    /** Compared against when no case has the id, so that an unknown id and a wrong token take the same work. */
    private static final String NO_CASE = "0".repeat(64);

    private final AccountRepository accounts;
    private final RecoveryRepository cases;
    private final ContactChannelRepository channels;
    private final CodeSender sender;
    private final PasswordHasher hasher;
    private final AttemptRepository attempts;
    private final Auditor audit;
    private final SecretGenerator generator;
    private final RecoveryPolicy policy;
    private final RecoveryTokens tokens;
    private final java.util.concurrent.Executor sendExecutor;
    private final Clock clock;

    /** @param sendExecutor where recovery codes are issued and sent, off the request's thread */
    public RecoveryService(AccountRepository accounts, RecoveryRepository cases, ContactChannelRepository channels,
                           CodeSender sender, PasswordHasher hasher, AttemptRepository attempts, Auditor audit,
                           SecretGenerator generator, RecoveryPolicy policy, java.util.concurrent.Executor sendExecutor,
                           Clock clock) {
        this.sendExecutor = Objects.requireNonNull(sendExecutor, "sendExecutor");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.cases = Objects.requireNonNull(cases, "cases");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.tokens = new RecoveryTokens(generator);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RecoveryPolicy policy() {
        return policy;
    }

    /**
     * A started case: its id (not a secret: it is audited) and its recovery token, which every later step needs.
     * The token is shown to the person who started the case, once, and is stored only as its hash.
     */
    public record Started(UUID id, String token) {
        public Started {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Started[" + id + "]";
        }
    }

    /** Where a case stands, as the API reports it. */
    public record Status(UUID id, RecoveryState state, Optional<Instant> waitingUntil) {
    }

    /** A code was sent (or, for a channel that does not exist, counted as if it had been). */
    public record CodeSent(Proof channel, Instant nextSendAt) {
    }

    /** A completed recovery: the limited session and the new backup codes. */
    public record Completed(Sessions.Opened session, IssuedBackupCodes backupCodes) {
        @Override
        public String toString() {
            return "Completed[" + session + "]";
        }
    }

    /**
     * Starts a recovery for whatever username was typed. The same answer for known and unknown accounts: a case
     * id and a recovery token of the same shape, after the same work.
     */
    public Outcome<Started, RecoveryFailure> start(String username, ClientAddress from) {
        Instant now = clock.instant();
        AttemptDecision decision = attempts.acquire("recovery:start:" + from.limitKey(), STARTS_PER_ADDRESS, now);
        if (decision instanceof AttemptDecision.Throttled t) {
            return Outcome.refusedUntil(RecoveryFailure.TOO_MANY_ATTEMPTS, t.retryAt());
        }
        Optional<String> canonical = Username.canonical(username == null ? "" : username);
        // A disabled account (issue 18) is recovered like one that does not exist: the same answer, a case that
        // can never complete.
        Optional<AccountId> account = canonical.flatMap(accounts::findByUsername)
                .filter(a -> !a.isDisabled()).map(Account::id);
        // '!' never occurs in a canonical username. (Not NUL: PostgreSQL text cannot store it, and every invalid
        // username answered 500 there.)
        String subject = "user:" + canonical.orElse(INVALID_USERNAME);
        UUID id = generator.uuid();
        String token = tokens.newToken();
        cases.create(RecoveryCase.open(id, RecoveryTokens.hash(token), account, subject, now,
                now.plus(policy.proofWindow())));
        // The id only: the token never goes into the audit log, a log line or a metric.
        audit.record(AuditType.RECOVERY_STARTED, account.orElse(null), from.value(), Map.of("recovery", id.toString()));
        return Outcome.done(new Started(id, token));
    }

    /**
     * The id of the case that {@code token} belongs to, for the pages, whose cookie keeps only the token. Empty
     * for a missing, malformed or unknown token.
     */
    public Optional<UUID> caseOf(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        return cases.findByTokenHash(RecoveryTokens.hash(token)).map(RecoveryCase::id);
    }

    public Outcome<Status, RecoveryFailure> status(UUID id, String token) {
        Instant now = clock.instant();
        return owned(id, token).map(c -> Outcome.<Status, RecoveryFailure>done(status(c, now)))
                .orElseGet(() -> Outcome.refused(RecoveryFailure.NOT_FOUND));
    }

    /**
     * The case, if {@code token} is its recovery token. An unknown id and a missing or wrong token are the same
     * {@code empty}, after the same work: one look-up by id, one hash, one constant-time comparison.
     */
    private Optional<RecoveryCase> owned(UUID id, String token) {
        return owned(cases, id, token);
    }

    static Optional<RecoveryCase> owned(RecoveryRepository cases, UUID id, String token) {
        Optional<RecoveryCase> found = id == null ? Optional.empty() : cases.find(id);
        boolean matches = RecoveryTokens.matches(token, found.map(RecoveryCase::tokenHash).orElse(NO_CASE));
        return matches ? found : Optional.empty();
    }

    /**
     * Sends a recovery code to the account's verified email or phone, in the language it was verified in
     * (or counts the send, if there is no such channel: the answer is the same).
     */
    public Outcome<CodeSent, RecoveryFailure> sendCode(UUID id, String token, String channelName, ClientAddress from) {
        Instant now = clock.instant();
        Optional<RecoveryCase> found = owned(id, token);
        if (found.isEmpty()) {
            return Outcome.refused(RecoveryFailure.NOT_FOUND);
        }
        RecoveryCase recovery = found.get();
        Optional<Proof> proof = Proof.parse(channelName).filter(p -> p != Proof.PASSWORD);
        if (proof.isEmpty()) {
            return Outcome.refused(RecoveryFailure.UNKNOWN_CHANNEL);
        }
        RecoveryState state = recovery.state(now);
        if (state != RecoveryState.NEEDS_MORE_PROOF) {
            return Outcome.refused(state == RecoveryState.WAITING || state == RecoveryState.READY
                    ? RecoveryFailure.NOT_READY : RecoveryFailure.CLOSED);
        }
        Channel kind = proof.get() == Proof.EMAIL ? Channel.EMAIL : Channel.SMS;
        CodePurpose purpose = proof.get() == Proof.EMAIL ? CodePurpose.RECOVERY_EMAIL : CodePurpose.RECOVERY_SMS;
        // The same lookups for unknown usernames (an id no account has), so both take as long.
        Optional<ContactChannel> channel = channels.find(recovery.accountId().orElse(NOBODY), kind);
        // Counted here, for known and unknown alike; issued and sent off this thread, so that the answer
        // (and how long it takes) never tells whether the account or the channel exists. For the same
        // reason a gateway failure is not reported: the person asks again, or uses the other channel.
        String destination = channel.map(c -> CodeSender.destinationKey(kind, c.address()))
                .orElse(kind.value() + ":none:" + recovery.subject());
        // Per client address too: one address cannot send codes for username after username (issue 14).
        String addressKey = "recovery:send:address:" + from.limitKey();
        if (attempts.acquire(addressKey, SENDS_PER_ADDRESS, now) instanceof AttemptDecision.Throttled t) {
            return Outcome.refusedUntil(RecoveryFailure.TOO_MANY_SENDS, t.retryAt());
        }
        SendResult counted = sender.countOnly(purpose, recovery.subject(), destination, "", now);
        if (counted instanceof SendResult.Throttled throttled) {
            attempts.release(addressKey); // nothing is sent
            return Outcome.refusedUntil(throttled.coolDown() ? RecoveryFailure.SENT_RECENTLY
                    : RecoveryFailure.TOO_MANY_SENDS, throttled.retryAt());
        }
        channel.ifPresent(c -> sendExecutor.execute(() -> {
            SendResult sent = sender.deliver(c.accountId(), purpose, id.toString(), kind, c.address(), c.masked(),
                    c.language(), now);
            audit.record(AuditType.RECOVERY_CODE_SENT, c.accountId(), from.value(), Map.of("recovery", id.toString(),
                    "to", proof.get().value(), "delivered", String.valueOf(sent instanceof SendResult.Sent)));
        }));
        return Outcome.done(new CodeSent(proof.get(), ((SendResult.Sent) counted).nextSendAt()));
    }

    /**
     * Checks one proof: a code sent by {@code email} or {@code sms}, or the {@code password}. Counted per
     * username and per client address before anything is checked.
     */
    public Outcome<Status, RecoveryFailure> verify(UUID id, String token, String channelName, String secret, ClientAddress from) {
        Instant now = clock.instant();
        Optional<RecoveryCase> found = owned(id, token);
        if (found.isEmpty()) {
            return Outcome.refused(RecoveryFailure.NOT_FOUND);
        }
        RecoveryCase recovery = found.get();
        Optional<Proof> proof = Proof.parse(channelName);
        if (proof.isEmpty()) {
            return Outcome.refused(RecoveryFailure.UNKNOWN_CHANNEL);
        }
        RecoveryState state = recovery.state(now);
        if (state == RecoveryState.WAITING || state == RecoveryState.READY) {
            return Outcome.done(status(recovery, now));
        }
        if (state != RecoveryState.NEEDS_MORE_PROOF) {
            return Outcome.refused(RecoveryFailure.CLOSED);
        }
        String addressKey = "recovery:address:" + from.limitKey();
        AttemptDecision byAddress = attempts.acquire(addressKey, PER_ADDRESS, now);
        if (byAddress instanceof AttemptDecision.Throttled t) {
            return Outcome.refusedUntil(RecoveryFailure.TOO_MANY_ATTEMPTS, t.retryAt());
        }
        String caseKey = caseKey(id);
        AttemptDecision byCase = attempts.acquire(caseKey, PER_CASE, now);
        if (byCase instanceof AttemptDecision.Throttled t) {
            attempts.release(addressKey);
            return Outcome.refusedUntil(RecoveryFailure.TOO_MANY_ATTEMPTS, t.retryAt());
        }
        Optional<String> passwordKey = proof.get() == Proof.PASSWORD
                ? Optional.of(passwordKey(recovery.subject(), channelProven(recovery))) : Optional.empty();
        if (passwordKey.isPresent()
                && attempts.acquire(passwordKey.get(), PASSWORD_PER_USERNAME, now) instanceof AttemptDecision.Throttled t) {
            attempts.release(addressKey);
            attempts.release(caseKey);
            return Outcome.refusedUntil(RecoveryFailure.TOO_MANY_ATTEMPTS, t.retryAt());
        }
        Optional<RecoveryFailure> refused;
        try {
            refused = check(recovery, proof.get(), secret, now);
        } catch (HashingBusyException busy) {
            // Nothing was checked (issue 15): no budget is spent.
            attempts.release(addressKey);
            attempts.release(caseKey);
            passwordKey.ifPresent(attempts::release);
            throw busy;
        }
        if (refused.isPresent()) {
            // Recorded for unknown usernames too (without an account), so both take the same time.
            audit.record(AuditType.RECOVERY_PROOF_FAILED, recovery.accountId().orElse(null), from.value(),
                    Map.of("recovery", id.toString(), "proof", proof.get().value(), "reason", refused.get().code()));
            return Outcome.refused(refused.get());
        }
        // Only this attempt is taken back from the case (a right code does not buy more guesses at the other
        // proof); a right password resets its pool, as a successful login would.
        attempts.release(addressKey);
        attempts.release(caseKey);
        passwordKey.ifPresent(attempts::reset);
        AccountId account = recovery.accountId().orElseThrow();
        if (!cases.addProof(id, proof.get(), now)) {
            return Outcome.refused(RecoveryFailure.CLOSED);
        }
        audit.record(AuditType.RECOVERY_PROOF_ACCEPTED, account, from.value(),
                Map.of("recovery", id.toString(), "proof", proof.get().value()));
        RecoveryCase proven = cases.find(id).orElseThrow();
        if (RecoveryCase.sufficient(proven.proofs())) {
            Instant waitingUntil = now.plus(policy.waitingPeriod());
            if (cases.startWaiting(id, waitingUntil, waitingUntil.plus(policy.completeWindow()), now)) {
                Map<String, String> details = new HashMap<>();
                details.put("recovery", id.toString());
                details.put("waitingUntil", waitingUntil.toString());
                details.put("proofs", String.join(",", proven.proofs().stream().map(Proof::value).sorted().toList()));
                // Every channel is told, with a link that cancels (SecurityNotifications' "this wasn't me").
                audit.record(AuditType.RECOVERY_WAITING, account, from.value(), details);
            }
            proven = cases.find(id).orElseThrow();
        }
        return Outcome.done(status(proven, now));
    }

    private Optional<RecoveryFailure> check(RecoveryCase recovery, Proof proof, String secret, Instant now) {
        if (proof == Proof.PASSWORD) {
            Optional<Account> account = accounts.findById(recovery.accountId().orElse(NOBODY));
            if (secret == null || secret.isEmpty() || secret.length() > 1024) {
                return Optional.of(RecoveryFailure.PROOF_INVALID);
            }
            if (account.isEmpty()) {
                hasher.verifyAgainstDummy(secret);
                return Optional.of(RecoveryFailure.PROOF_INVALID);
            }
            return hasher.verify(secret, account.get().passwordHash()) ? Optional.empty()
                    : Optional.of(RecoveryFailure.PROOF_INVALID);
        }
        Channel kind = proof == Proof.EMAIL ? Channel.EMAIL : Channel.SMS;
        CodePurpose purpose = proof == Proof.EMAIL ? CodePurpose.RECOVERY_EMAIL : CodePurpose.RECOVERY_SMS;
        boolean hasChannel = channels.find(recovery.accountId().orElse(NOBODY), kind).isPresent();
        AccountId account = hasChannel ? recovery.accountId().orElseThrow() : NOBODY;
        Verification result = sender.codes().verify(account, purpose, recovery.id().toString(), secret,
                FactorKind.SMS, now);
        if (result instanceof Verification.Rejected rejected) {
            return Optional.of(switch (rejected.reason()) {
                case MALFORMED_INPUT -> RecoveryFailure.CODE_MALFORMED;
                case EXPIRED -> RecoveryFailure.CODE_EXPIRED;
                case SUPERSEDED -> RecoveryFailure.CODE_SUPERSEDED;
                default -> RecoveryFailure.PROOF_INVALID;
            });
        }
        return Optional.empty();
    }

    private static String caseKey(UUID id) {
        return "recovery:case:" + id;
    }

    /** The two pools of wrong passwords per username (see the class comment). */
    static String passwordKey(String subject, boolean channelProven) {
        return (channelProven ? "recovery:password-after-code:" : "recovery:password:") + subject;
    }

    private static boolean channelProven(RecoveryCase recovery) {
        return recovery.proofs().contains(Proof.EMAIL) || recovery.proofs().contains(Proof.SMS);
    }

    static Status status(RecoveryCase recovery, Instant now) {
        RecoveryState state = recovery.state(now);
        Optional<Instant> waitingUntil = state == RecoveryState.WAITING || state == RecoveryState.READY
                ? Optional.ofNullable(recovery.waitingUntil()) : Optional.empty();
        return new Status(recovery.id(), state, waitingUntil);
    }

    /**
     * Starts a recovery that a support agent approved after checking the person's identity (product
     * journey 8): no proofs are asked, but everything else is as in self-service — the waiting period
     * starts now, every verified channel is told and can cancel, a normal login by the owner cancels, and
     * {@link RecoveryCompletion#complete} resets the factors once the wait is over. Returns the recovery case id. Nobody gets a
     * token here — not the agent, not the audit log: the case's token is random and thrown away, and the
     * requester receives a fresh one only when using the support case's single-use link ({@link #handOver}).
     *
     * @param details what the audit event should carry besides the recovery (the support case, the agent)
     */
    public UUID startApprovedBySupport(AccountId account, String clientAddress, Map<String, String> details) {
        Objects.requireNonNull(account, "account");
        Instant now = clock.instant();
        String username = accounts.findById(account).map(Account::username)
                .orElseThrow(() -> new IllegalArgumentException("no account " + account));
        UUID id = generator.uuid();
        Instant waitingUntil = now.plus(policy.waitingPeriod());
        cases.create(new RecoveryCase(id, RecoveryTokens.hash(tokens.newToken()), Optional.of(account),
                "user:" + username, now,
                waitingUntil.plus(policy.completeWindow()), null, null, null, waitingUntil, null, null));
        Map<String, String> recorded = new HashMap<>(details);
        recorded.put("recovery", id.toString());
        recorded.put("waitingUntil", waitingUntil.toString());
        recorded.put("proofs", "support");
        audit.record(AuditType.RECOVERY_WAITING, account, clientAddress, recorded);
        return id;
    }

    /**
     * A fresh recovery token for a case that is not completed, replacing the old one in one conditional update:
     * the support approval's single-use link calls this once, so that the person who follows it — and nobody who
     * saw the approval — holds the case. Empty if there is no such case or it was completed.
     */
    public Optional<String> handOver(UUID id) {
        Objects.requireNonNull(id, "id");
        String token = tokens.newToken();
        return cases.replaceTokenHash(id, RecoveryTokens.hash(token)) ? Optional.of(token) : Optional.empty();
    }
}
