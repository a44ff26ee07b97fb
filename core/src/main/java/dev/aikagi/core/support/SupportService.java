package dev.aikagi.core.support;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.account.Username;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.contact.EmailAddress;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.policy.AttemptBudget;
import dev.aikagi.core.policy.AttemptDecision;
import dev.aikagi.core.policy.AttemptRepository;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.recovery.RecoveryService;
import dev.aikagi.core.store.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Support requests and identity verification (product journey 8), for people who cannot recover their
 * account by themselves. This class takes the requests ({@link #open}, {@link #useLink}); {@link SupportEvidence}
 * shows the agents what a request brings, {@link SupportDecisions} records their decisions. The types the three
 * share (outcomes, requests, views) are nested here.
 *
 * <ol>
 *   <li>{@link #open}: the username, a contact email address and what the person can prove (text and
 *       files). Unknown usernames are accepted the same way, so the form tells nobody which accounts exist.</li>
 *   <li>{@link SupportEvidence#view}: an agent compares the evidence with what the system knows — account age, channels
 *       (masked) and when they were verified, recent logins' coarse places and devices. Never a secret.</li>
 *   <li>{@link SupportDecisions#approve} (by two different agents if the operator requires it) or
 *       {@link SupportDecisions#reject}, with a
 *       reason. Approval starts a recovery with the usual waiting period ({@link
 *       RecoveryService#startApprovedBySupport}); the reset of the factors happens when it completes.</li>
 *   <li>{@link #useLink}: the single-use link sent to the contact address leads to that recovery's last step.</li>
 * </ol>
 * The contact address is told at every change of state; every step is audited with the agent as actor.
 */
public final class SupportService {

    /** New requests per client address: 5 free, then one every 10 minutes at most, doubling to a day. */
    static final AttemptBudget REQUESTS_PER_ADDRESS = new AttemptBudget(5, Duration.ofMinutes(10), Duration.ofDays(1),
            0, Duration.ofDays(1));
    public static final int MAX_STATEMENT_LENGTH = 4000;
    public static final int MAX_REASON_LENGTH = 1000;
    public static final int MAX_FILE_NAME_LENGTH = 100;
    static final int AUDITED_REASON_LENGTH = 200;
    /** How many recent logins the case page shows. */
    static final int RECENT_LOGINS = 10;
    /** Emails to the contact address are worth sending for this long. */
    static final Duration MESSAGE_LIFETIME = Duration.ofDays(1);
    static final Set<AuditType> LOGINS = Set.of(AuditType.LOGIN_SUCCEEDED, AuditType.LOGIN_NEW_DEVICE);

    private final AccountRepository accounts;
    private final SupportRepository cases;
    private final SupportEvidence evidence;
    private final AttemptRepository attempts;
    private final Auditor audit;
    private final RecoveryService recovery;
    private final SupportMail mail;
    private final SecretGenerator generator;
    private final SupportPolicy policy;
    private final Transactions transactions;
    private final Clock clock;

    /**
     * @param transactions what a request runs in: the case with its files, the audit record and the email to the
     *     requester are stored together or not at all; the email is sent once they are stored
     */
    public SupportService(AccountRepository accounts, SupportRepository cases, SupportEvidence evidence,
                          AttemptRepository attempts, Auditor audit, RecoveryService recovery, SupportMail mail,
                          SecretGenerator generator, SupportPolicy policy, Transactions transactions, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.cases = Objects.requireNonNull(cases, "cases");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.mail = Objects.requireNonNull(mail, "mail");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SupportPolicy policy() {
        return policy;
    }

    /** What the requester typed. */
    public record Request(String username, String contactEmail, String statement, String language) {
    }

    /** One uploaded file as received: the name is the user's, the content is checked here. */
    public record Upload(String fileName, byte[] content) {
        public Upload {
            Objects.requireNonNull(content, "content");
        }
    }

    /** How an approval ended: approved, or waiting for a second agent. */
    public enum Approval { APPROVED, WAITING_FOR_SECOND_AGENT }

    /** What the system knows about the account, for the agent. Addresses masked, places coarse. */
    public record AccountFacts(String username, Instant createdAt, List<ChannelFact> channels, List<LoginFact> logins) {
    }

    public record ChannelFact(Channel kind, String masked, Instant verifiedAt) {
    }

    /** A recent login: when, which kind of event, the device as described, and the network (/24 or /48). */
    public record LoginFact(Instant at, AuditType type, String device, String network) {
    }

    /** The case page: the request, its files, and what the system knows (empty for unknown usernames). */
    public record CaseView(SupportCase supportCase, List<Evidence> evidence, Optional<AccountFacts> account) {
    }

    /** A file, opened for an agent. */
    public record OpenedEvidence(Evidence evidence, byte[] content) {
    }

    /**
     * Where the link led: the recovery case to finish, a fresh recovery token for it (issue 14: the person who
     * follows the link holds the case; no agent ever saw this token), and the support case.
     */
    public record LinkUsed(UUID recoveryId, String recoveryToken, SupportCase supportCase) {
        @Override
        public String toString() {
            return "LinkUsed[" + recoveryId + ", " + supportCase.id() + "]";
        }
    }

    /**
     * Opens a request. Every file is checked before anything is stored: if one is refused, nothing is kept.
     * Unknown usernames get the same answer as known ones.
     */
    public Outcome<UUID, SupportFailure> open(Request request, List<Upload> uploads, ClientAddress from) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(uploads, "uploads");
        Instant now = clock.instant();
        String typed = request.username() == null ? "" : request.username().strip();
        if (typed.isEmpty()) {
            return Outcome.refused(SupportFailure.USERNAME_MISSING);
        }
        Optional<EmailAddress> contact = EmailAddress.parse(request.contactEmail() == null ? "" : request.contactEmail());
        if (contact.isEmpty()) {
            return Outcome.refused(SupportFailure.CONTACT_INVALID);
        }
        String statement = request.statement() == null ? "" : request.statement().strip();
        if (statement.isEmpty()) {
            return Outcome.refused(SupportFailure.STATEMENT_MISSING);
        }
        if (statement.length() > MAX_STATEMENT_LENGTH) {
            return Outcome.refused(SupportFailure.STATEMENT_TOO_LONG);
        }
        List<Upload> files = uploads.stream().filter(u -> u.content().length > 0 || !blank(u.fileName())).toList();
        Optional<SupportFailure> refused = evidence.check(files);
        if (refused.isPresent()) {
            return Outcome.refused(refused.get());
        }
        AttemptDecision decision = attempts.acquire("support:request:" + from.limitKey(), REQUESTS_PER_ADDRESS, now);
        if (decision instanceof AttemptDecision.Throttled t) {
            return Outcome.refusedUntil(SupportFailure.TOO_MANY_REQUESTS, t.retryAt());
        }
        Optional<String> canonical = Username.canonical(typed);
        Optional<AccountId> account = canonical.flatMap(accounts::findByUsername).map(Account::id);
        String language = language(request.language());
        UUID id = generator.uuid();
        SupportCase created = SupportCase.open(id, account, cut(canonical.orElse(typed), 300), contact.get().value(),
                language, statement, now);
        // The case, its files, the audit record and the acknowledgement: all or none.
        UUID acknowledgement = transactions.inTransaction(() -> {
            cases.create(created);
            evidence.store(id, files, now);
            audit.record(AuditType.SUPPORT_REQUESTED, account.orElse(null), from.value(),
                    Map.of("support", id.toString(), "files", String.valueOf(files.size())));
            return mail.queue(created, "support.received", Map.of("case", shortId(id)));
        });
        mail.sendNow(acknowledgement);
        return Outcome.done(id);
    }

    /** Follows the approval's link, once: the recovery case whose last step the requester can now take. */
    public Outcome<LinkUsed, SupportFailure> useLink(String token, ClientAddress from) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Outcome.refused(SupportFailure.LINK_INVALID);
        }
        Optional<SupportCase> used = cases.useLink(digest(token), clock.instant());
        if (used.isEmpty() || used.get().recoveryId() == null) {
            return Outcome.refused(SupportFailure.LINK_INVALID);
        }
        // The link was used once (the conditional update above): only now is a token made, for this person.
        Optional<String> recoveryToken = recovery.handOver(used.get().recoveryId());
        if (recoveryToken.isEmpty()) {
            return Outcome.refused(SupportFailure.LINK_INVALID); // the recovery was completed in the meantime
        }
        audit.record(AuditType.SUPPORT_LINK_USED, used.get().accountId().orElse(null), from.value(),
                Map.of("support", used.get().id().toString(), "recovery", used.get().recoveryId().toString()));
        return Outcome.done(new LinkUsed(used.get().recoveryId(), recoveryToken.get(), used.get()));
    }

    /** The /24 of an IPv4 address, the /48 of an IPv6 one: a place, not a person's line. */
    public static String network(String clientAddress) {
        if (clientAddress == null || clientAddress.isBlank()) {
            return "";
        }
        String a = clientAddress.strip();
        if (a.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            return a.substring(0, a.lastIndexOf('.')) + ".0/24";
        }
        if (a.contains(":")) {
            String[] groups = a.split(":", -1);
            if (groups.length >= 3 && !groups[0].isEmpty() && !groups[1].isEmpty() && !groups[2].isEmpty()) {
                return groups[0] + ":" + groups[1] + ":" + groups[2] + "::/48";
            }
            return "IPv6";
        }
        return "";
    }

    /** Bound to the evidence id: a sealed file copied to another row fails to open. */
    public static String sealingContext(UUID evidenceId) {
        return "support-evidence:" + evidenceId;
    }

    /**
     * The link carries 256 random bits, so a plain SHA-256 suffices to keep the database from holding a
     * usable link (a keyed digest matters for low-entropy codes, docs/STYLE.md rule 9).
     */
    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is required of every Java platform", e);
        }
    }

    /** The first 8 characters of the id: how the requester and the agent refer to the case. */
    public static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }

    private static String language(String tag) {
        return tag != null && tag.toLowerCase(java.util.Locale.ROOT).startsWith("ja") ? "ja" : "en";
    }

    static String displayName(String fileName, EvidenceType type) {
        String name = fileName == null ? "" : fileName.replaceAll("[\\p{Cntrl}/\\\\\"]", "_").strip();
        return name.isEmpty() ? "file." + type.extension() : cut(name, MAX_FILE_NAME_LENGTH);
    }

    /**
     * The reason as the audit log keeps it: the first {@value #AUDITED_REASON_LENGTH} characters. The
     * event's details hold 4000 characters once encoded, and a Japanese character takes six; the whole
     * reason stays on the case.
     */
    static String audited(String reason) {
        return cut(reason, AUDITED_REASON_LENGTH);
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
