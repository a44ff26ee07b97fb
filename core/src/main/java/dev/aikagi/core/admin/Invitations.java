package dev.aikagi.core.admin;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.DeliveryText;
import dev.aikagi.core.delivery.DeliveryTexts;
import dev.aikagi.core.factor.password.PasswordHash;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.policy.AddressPrefix;
import dev.aikagi.core.policy.AttemptBudget;
import dev.aikagi.core.policy.AttemptDecision;
import dev.aikagi.core.policy.AttemptRepository;
import dev.aikagi.core.recovery.RecoveryTokens;
import dev.aikagi.core.store.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Users created with an invitation link (issue 18), as Keycloak's "execute actions" email does it: the account is
 * made with the hash of a random password that nobody ever sees (so every login answers exactly as a wrong
 * password does, at the same cost), and the person is mailed a link that lets them choose their own password.
 *
 * <p>The link's token is 256 random bits from the {@link SecretGenerator}, stored only as its SHA-256 (like
 * recovery tokens), never logged or audited; it works for {@code lifetime}, once (one conditional update and its
 * row count), and a new invitation ends the old ones. Setting the password is counted per client address.
 */
public final class Invitations {

    /** The template of the invitation mail in the delivery texts ({@code invitation.subject}, {@code .email}). */
    static final String TEMPLATE = "invitation";
    /** The page the link opens. */
    public static final String PATH = "/invitation";
    static final Duration MESSAGE_LIFETIME = Duration.ofDays(1);
    /** Tries at setting a password through an invitation, per client address (its IPv6 /64). */
    static final AttemptBudget PER_ADDRESS =
            new AttemptBudget(10, Duration.ofSeconds(30), Duration.ofMinutes(15), 0, Duration.ofHours(1));
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_TOKEN_LENGTH = 128;

    /** Why a password could not be set through an invitation. */
    public enum Failure {
        /** Unknown, used or expired: which of these is never told. */
        LINK_INVALID, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, PASSWORD_COMMON, PASSWORD_CONTAINS_USERNAME,
        /** Too many tries from this client address; see retryAt. */
        TOO_MANY_ATTEMPTS
    }

    private final InvitationRepository invitations;
    private final UserDirectory users;
    private final AccountRepository accounts;
    private final ContactChannelRepository channels;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final AttemptRepository attempts;
    private final Deliveries messages;
    private final DeliveryTexts texts;
    private final SecretGenerator generator;
    private final Auditor audit;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration lifetime;
    private final String publicUrl;
    private final Consumer<UUID> sendSoon;

    public Invitations(InvitationRepository invitations, UserDirectory users, AccountRepository accounts,
                       ContactChannelRepository channels, PasswordHasher hasher, PasswordPolicy policy,
                       AttemptRepository attempts, Deliveries messages, DeliveryTexts texts, SecretGenerator generator,
                       Auditor audit, Transactions transactions, Clock clock, Duration lifetime, String publicUrl,
                       Consumer<UUID> sendSoon) {
        this.invitations = Objects.requireNonNull(invitations, "invitations");
        this.users = Objects.requireNonNull(users, "users");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the invitation lifetime must be positive");
        }
        String url = Objects.requireNonNull(publicUrl, "publicUrl");
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.sendSoon = Objects.requireNonNull(sendSoon, "sendSoon");
    }

    /**
     * Creates the account without a usable password and mails its invitation. {@code user.password()} is ignored;
     * an email address is required.
     */
    public Outcome<UserView, AdminFailure> create(UserDirectory.NewUser user, String by) {
        Objects.requireNonNull(user, "user");
        if (user.email().filter(e -> !e.isBlank()).isEmpty()) {
            return Outcome.refused(AdminFailure.EMAIL_REQUIRED);
        }
        Outcome<UserView, AdminFailure> created = Outcome.refused(AdminFailure.PASSWORD_REJECTED);
        // A random password of 43 characters passes the policy but for the rare one that holds the username.
        for (int i = 0; i < 5 && created instanceof Outcome.Refused<UserView, AdminFailure> refused
                && refused.failure() == AdminFailure.PASSWORD_REJECTED; i++) {
            created = users.create(new UserDirectory.NewUser(user.username(), randomToken(), user.email(),
                    user.phone(), user.language()), by);
        }
        if (created instanceof Outcome.Done<UserView, AdminFailure> done) {
            send(done.value().id(), by);
        }
        return created;
    }

    /** Sends a new invitation to the account's email address; the earlier links stop working. */
    public Outcome<UserView, AdminFailure> resend(AccountId id, String by) {
        Optional<UserView> user = users.find(Objects.requireNonNull(id, "id"));
        if (user.isEmpty()) {
            return Outcome.refused(AdminFailure.USER_NOT_FOUND);
        }
        if (channels.find(id, Channel.EMAIL).isEmpty()) {
            return Outcome.refused(AdminFailure.EMAIL_REQUIRED);
        }
        send(id, by);
        return Outcome.done(user.get());
    }

    /** Whether the link can still be used (unknown, used and expired all answer false); changes nothing. */
    public boolean usable(String token) {
        return wellFormed(token) && invitations.findUsable(RecoveryTokens.hash(token), clock.instant())
                .flatMap(accounts::findById).filter(a -> a.disabledAt() == null).isPresent();
    }

    /** Sets the account's password with the link, once. */
    public Outcome<AccountId, Failure> accept(String token, String password, String clientAddress) {
        Instant now = clock.instant();
        String address = clientAddress == null ? "" : clientAddress;
        AttemptDecision decision = attempts.acquire("invitation:address:" + AddressPrefix.of(address), PER_ADDRESS,
                now);
        switch (decision) {
            case AttemptDecision.Throttled throttled -> {
                return Outcome.refusedUntil(Failure.TOO_MANY_ATTEMPTS, throttled.retryAt());
            }
            case AttemptDecision.Exhausted exhausted -> {
                return Outcome.refusedUntil(Failure.TOO_MANY_ATTEMPTS, now.plus(PER_ADDRESS.maxDelay()));
            }
            case AttemptDecision.Allowed allowed -> {
                // counted; go on
            }
        }
        if (!wellFormed(token)) {
            return Outcome.refused(Failure.LINK_INVALID);
        }
        String hash = RecoveryTokens.hash(token);
        Optional<Account> account = invitations.findUsable(hash, now).flatMap(accounts::findById)
                .filter(a -> a.disabledAt() == null);
        if (account.isEmpty()) {
            return Outcome.refused(Failure.LINK_INVALID);
        }
        Optional<PasswordPolicy.Problem> weak = policy.check(password == null ? "" : password,
                account.get().username());
        if (weak.isPresent()) {
            return Outcome.refused(switch (weak.get()) {
                case TOO_SHORT -> Failure.PASSWORD_TOO_SHORT;
                case TOO_LONG -> Failure.PASSWORD_TOO_LONG;
                case COMMON -> Failure.PASSWORD_COMMON;
                case CONTAINS_USERNAME -> Failure.PASSWORD_CONTAINS_USERNAME;
            });
        }
        PasswordHash hashed = hasher.hash(password);
        AccountId id = account.get().id();
        boolean used = transactions.inTransaction(() -> {
            if (!invitations.use(hash, clock.instant())) {
                return false;
            }
            accounts.updatePasswordHash(id, hashed);
            audit.record(AuditType.INVITATION_USED, id, clientAddress);
            return true;
        });
        if (!used) {
            return Outcome.refused(Failure.LINK_INVALID);
        }
        attempts.release("invitation:address:" + AddressPrefix.of(address));
        return Outcome.done(id);
    }

    private void send(AccountId id, String by) {
        ContactChannel email = channels.find(id, Channel.EMAIL).orElseThrow();
        String username = accounts.findById(id).map(Account::username).orElseThrow();
        String token = randomToken();
        Instant now = clock.instant();
        transactions.inTransaction(() -> {
            invitations.revokeAll(id);
            invitations.create(RecoveryTokens.hash(token), id, now, now.plus(lifetime));
            return null;
        });
        DeliveryText text = texts.render(TEMPLATE, Channel.EMAIL, email.language(), Map.of(
                "username", username,
                "days", String.valueOf(Math.max(1, lifetime.toDays())),
                "link", publicUrl + PATH + "?token=" + token));
        UUID message = messages.enqueue(Channel.EMAIL, email.address(), text, id, TEMPLATE, MESSAGE_LIFETIME);
        audit.record(AuditType.INVITATION_SENT, id, null, Map.of("by", by));
        sendSoon.accept(message);
    }

    private String randomToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(generator.bytes(TOKEN_BYTES));
    }

    private static boolean wellFormed(String token) {
        return token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH;
    }
}
