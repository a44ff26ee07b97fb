package dev.aikagi.core.settings;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountDeletionRepository;
import dev.aikagi.core.account.AccountErasure;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.PendingDeletion;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.DeliveryText;
import dev.aikagi.core.delivery.DeliveryTexts;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.recovery.RecoveryTokens;
import dev.aikagi.core.session.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Deleting one's own account, with a waiting period (issue 17): the password is entered again (and, with
 * two-step verification on, the session is AAL2, as for every sensitive change); the data goes after
 * {@code deleteAfter}; every verified channel is told at once, with a link that cancels without logging in (256
 * random bits, stored only as their SHA-256, used once: {@link RecoveryTokens}). Logging in during the wait
 * shows the deletion and a button that cancels it. When the time is up {@link #eraseDue} hands the account to
 * {@link AccountErasure}.
 */
public final class AccountDeletion {

    /** The notice's template in the delivery texts ({@code account_deletion.sms}, {@code .subject}, {@code .email}). */
    static final String TEMPLATE = "account_deletion";
    /** Where the cancel link points; {@code ?token=} follows. */
    public static final String CANCEL_PATH = "/account/deletion/cancel";
    /** How long an unsent notice is worth retrying, as for the other security notices. */
    static final Duration MESSAGE_LIFETIME = Duration.ofDays(1);
    /** How many due accounts one round of {@link #eraseDue} takes. */
    static final int ERASE_BATCH = 100;

    private final AccountDeletionRepository deletions;
    private final AccountErasure erasure;
    private final TwoStepSettings twoStep;
    private final ContactChannelRepository channels;
    private final Deliveries messages;
    private final DeliveryTexts texts;
    private final RecoveryTokens tokens;
    private final Auditor audit;
    private final Clock clock;
    private final Duration deleteAfter;
    private final String publicUrl;
    private final Consumer<UUID> sendSoon;

    public AccountDeletion(AccountDeletionRepository deletions, AccountErasure erasure, TwoStepSettings twoStep,
                           ContactChannelRepository channels, Deliveries messages, DeliveryTexts texts,
                           SecretGenerator generator, Auditor audit, Clock clock, Duration deleteAfter,
                           String publicUrl, Consumer<UUID> sendSoon) {
        this.deletions = Objects.requireNonNull(deletions, "deletions");
        this.erasure = Objects.requireNonNull(erasure, "erasure");
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.tokens = new RecoveryTokens(Objects.requireNonNull(generator, "generator"));
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deleteAfter = Objects.requireNonNull(deleteAfter, "deleteAfter");
        if (deleteAfter.isNegative()) {
            throw new IllegalArgumentException("deleteAfter must not be negative: " + deleteAfter);
        }
        String url = Objects.requireNonNull(publicUrl, "publicUrl");
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.sendSoon = Objects.requireNonNull(sendSoon, "sendSoon");
    }

    /** How long a deletion waits. */
    public Duration deleteAfter() {
        return deleteAfter;
    }

    /**
     * Schedules the deletion of the session's account. Asking again while one is pending changes nothing and
     * answers the pending one (no second set of notices).
     */
    public Outcome<PendingDeletion, SettingsProblem> schedule(Session session, String password, ClientAddress from) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(from, "from");
        if (session.isRecovery()) {
            // A recovery session may only set the account up again; deleting it is not setting it up.
            return Outcome.refused(SettingsProblem.REAUTHENTICATION_REQUIRED);
        }
        if (twoStep.needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        Outcome<Account, SettingsProblem> checked = twoStep.checkPassword(session.accountId(), password, from);
        if (checked instanceof Outcome.Refused<Account, SettingsProblem> refused) {
            return refused.recast();
        }
        AccountId id = session.accountId();
        Optional<PendingDeletion> pending = deletions.find(id);
        if (pending.isPresent()) {
            return Outcome.done(pending.get());
        }
        // Microseconds, as the database keeps them: the answer now and the one read back later are the same.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String token = tokens.newToken();
        PendingDeletion deletion = new PendingDeletion(id, now, now.plus(deleteAfter), RecoveryTokens.hash(token));
        if (!deletions.schedule(deletion)) {
            // Another request scheduled it meanwhile: that one's notices went out.
            return Outcome.done(deletions.find(id).orElse(deletion));
        }
        audit.record(AuditType.ACCOUNT_DELETION_SCHEDULED, id, from.value(),
                Map.of("due", deletion.dueAt().toString()));
        tell(id, deletion, token);
        return Outcome.done(deletion);
    }

    /** The account's pending deletion, if any. */
    public Optional<PendingDeletion> pending(AccountId accountId) {
        return deletions.find(accountId);
    }

    /** The owner, signed in, keeps the account. @return whether a deletion was pending */
    public boolean cancel(Session session, ClientAddress from) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(from, "from");
        boolean cancelled = deletions.cancel(session.accountId());
        if (cancelled) {
            audit.record(AuditType.ACCOUNT_DELETION_CANCELLED, session.accountId(), from.value(),
                    Map.of("by", "session"));
        }
        return cancelled;
    }

    /** "This wasn't me" was reported for the account: whoever asked for its deletion was not its owner. */
    public void cancelReported(AccountId accountId) {
        if (deletions.cancel(accountId)) {
            audit.record(AuditType.ACCOUNT_DELETION_CANCELLED, accountId, null, Map.of("by", "reported"));
        }
    }

    /**
     * The cancel link of a notice, without logging in: works once, and only before the deletion is due.
     *
     * @return the account kept, or empty for an unknown, used or late link
     */
    public Optional<AccountId> cancelWithLink(String token, ClientAddress from) {
        Objects.requireNonNull(from, "from");
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        Optional<AccountId> kept = deletions.cancelByToken(RecoveryTokens.hash(token), clock.instant());
        kept.ifPresent(id -> audit.record(AuditType.ACCOUNT_DELETION_CANCELLED, id, from.value(),
                Map.of("by", "link")));
        return kept;
    }

    /** Erases every account whose deletion is due (the server's housekeeping calls it); returns how many. */
    public int eraseDue() {
        List<AccountId> due = deletions.due(clock.instant(), ERASE_BATCH);
        int erased = 0;
        for (AccountId id : due) {
            if (erasure.erase(id, "requested")) {
                erased++;
            }
        }
        return erased;
    }

    private void tell(AccountId id, PendingDeletion deletion, String token) {
        Map<String, String> arguments = Map.of(
                "waitingUntil", deletion.dueAt().toString(),
                "cancel", publicUrl + CANCEL_PATH + "?token=" + token);
        for (ContactChannel channel : channels.findByAccount(id)) {
            DeliveryText text = texts.render(TEMPLATE, channel.kind(), channel.language(), arguments);
            UUID message = messages.enqueue(channel.kind(), channel.address(), text, id, TEMPLATE, MESSAGE_LIFETIME);
            sendSoon.accept(message);
        }
    }
}
