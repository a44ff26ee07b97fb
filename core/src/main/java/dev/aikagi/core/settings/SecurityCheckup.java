package dev.aikagi.core.settings;

import dev.aikagi.core.account.AccountDeletionRepository;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The security checkup (issue 17): can this account get back in if a phone is lost? Each {@link Item} is good or
 * needs attention; the important ones (two-step on, a second kind of second step, backup codes, a recovery email and
 * phone) decide {@link Checkup#canRecover}. NIST SP 800-63B-4 §4.2 recommends binding more than one authenticator
 * so that losing one does not lock the person out; the review items (sessions, recent events) follow OWASP ASVS 5
 * 7.5.2 (the person can see and end their sessions).
 */
public final class SecurityCheckup {

    /** At most one nudge after login in this time. */
    public static final Duration NUDGE_INTERVAL = Duration.ofDays(7);
    /** Backup codes this few count as running out. */
    static final int FEW_BACKUP_CODES = 2;
    /** How far back recent security events are reviewed. */
    static final Duration RECENT = Duration.ofDays(14);
    /** How many recent events are looked at. */
    static final int RECENT_EVENTS_READ = 100;
    /** Events a person should look at: someone else may have tried, or got in. */
    static final Set<AuditType> WORTH_REVIEWING = Set.of(AuditType.LOGIN_SECOND_FACTOR_FAILED,
            AuditType.LOGIN_NEW_DEVICE, AuditType.BACKUP_CODE_USED, AuditType.RECOVERY_WAITING,
            AuditType.RECOVERY_COMPLETED, AuditType.ALERT_REPORTED, AuditType.LOGIN_THROTTLED);

    /** What is checked, in the order the page lists it. Names are stable: the API's {@code id} is their lower case. */
    public enum Kind {
        TWO_STEP(true), SECOND_STEP_KINDS(true), BACKUP_CODES(true), RECOVERY_EMAIL(true), RECOVERY_PHONE(true),
        SESSIONS(false), RECENT_EVENTS(false);

        private final boolean important;

        Kind(boolean important) {
            this.important = important;
        }

        /** Whether it decides if the account can be recovered (the review items do not). */
        public boolean important() {
            return important;
        }
    }

    public enum State { GOOD, NEEDS_ATTENTION }

    /**
     * One line of the checkup.
     *
     * @param facts what the page says about it (counts, kinds, times as ISO-8601), never a secret or an address
     */
    public record Item(Kind kind, State state, Map<String, String> facts) {
        public Item {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(state, "state");
            facts = Map.copyOf(facts);
        }

        public boolean good() {
            return state == State.GOOD;
        }
    }

    /** The whole checkup. */
    public record Checkup(List<Item> items) {
        public Checkup {
            items = List.copyOf(items);
        }

        /** Every important item is good: losing a phone does not lock the person out. */
        public boolean canRecover() {
            return items.stream().filter(i -> i.kind().important()).allMatch(Item::good);
        }

        /** Something the nudge after login is for is missing: two-step off, no backup codes, no recovery contact. */
        public boolean worthNudging() {
            boolean contact = item(Kind.RECOVERY_EMAIL).good() || item(Kind.RECOVERY_PHONE).good();
            return !item(Kind.TWO_STEP).good() || !item(Kind.BACKUP_CODES).good() || !contact;
        }

        public Item item(Kind kind) {
            return items.stream().filter(i -> i.kind() == kind).findFirst()
                    .orElseThrow(() -> new AssertionError("every checkup lists " + kind));
        }
    }

    /** What a finished login shows before going on. */
    public enum AfterLogin { NONE, DELETION_PENDING, NUDGE }

    private final TwoStepSettings twoStep;
    private final ContactChannelRepository channels;
    private final Sessions sessions;
    private final AuditLog auditLog;
    private final CheckupNudgeRepository nudges;
    private final AccountDeletionRepository deletions;
    private final Clock clock;

    private final dev.aikagi.core.trust.TrustedDevices trusted;

    public SecurityCheckup(TwoStepSettings twoStep, ContactChannelRepository channels, Sessions sessions,
                           AuditLog auditLog, CheckupNudgeRepository nudges, AccountDeletionRepository deletions,
                           Clock clock, dev.aikagi.core.trust.TrustedDevices trusted) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.nudges = Objects.requireNonNull(nudges, "nudges");
        this.deletions = Objects.requireNonNull(deletions, "deletions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The checkup of the session's account. */
    public Checkup check(Session session) {
        AccountId id = session.accountId();
        TwoStepStatus status = twoStep.status(id);
        List<ContactChannel> contacts = channels.findByAccount(id);
        List<Item> items = new ArrayList<>();
        items.add(new Item(Kind.TWO_STEP, state(status.enabled()), Map.of()));
        List<String> kinds = status.secondStepKinds();
        items.add(new Item(Kind.SECOND_STEP_KINDS, state(kinds.size() >= 2),
                Map.of("kinds", String.join(",", kinds), "count", String.valueOf(kinds.size()))));
        items.add(backupCodes(status));
        items.add(new Item(Kind.RECOVERY_EMAIL, state(has(contacts, Channel.EMAIL)), Map.of()));
        items.add(new Item(Kind.RECOVERY_PHONE, state(has(contacts, Channel.SMS)), Map.of()));
        items.add(toReview(session));
        items.add(recentEvents(id));
        return new Checkup(items);
    }

    /**
     * Called as a browser login finishes. A pending deletion is always shown. Otherwise, when something important
     * is missing, the checkup nudges — at most once in {@link #NUDGE_INTERVAL}, never after its owner dismissed it,
     * and never on the way back to an application ({@code toApplication}: the person came to sign in to it, and the
     * nudge waits for a login that ends in Aikagi). A nudge is held by the new session: its settings page shows it
     * ({@link #nudgeShownTo}) until it is put off or dismissed.
     */
    public AfterLogin afterLogin(Session session, boolean toApplication) {
        if (deletions.find(session.accountId()).isPresent()) {
            return AfterLogin.DELETION_PENDING;
        }
        if (toApplication || !worthNudging(session.accountId())) {
            return AfterLogin.NONE;
        }
        Instant now = clock.instant();
        return nudges.claim(session.accountId(), session.id(), now, now.minus(NUDGE_INTERVAL))
                ? AfterLogin.NUDGE : AfterLogin.NONE;
    }

    /**
     * {@link Checkup#worthNudging} of the account's checkup, reading only what decides it (issue 15): the review items
     * (sessions, trusted devices, the last hundred audit events) never do, and no recovery contact decides it
     * without the two-step status (four queries). The same items as {@link #check}, built the same way.
     */
    private boolean worthNudging(AccountId id) {
        List<ContactChannel> contacts = channels.findByAccount(id);
        if (!has(contacts, Channel.EMAIL) && !has(contacts, Channel.SMS)) {
            return true;
        }
        TwoStepStatus status = twoStep.status(id);
        return !status.enabled() || !backupCodes(status).good();
    }

    /** Whether the session's pages show the nudge now. */
    public boolean nudgeShownTo(Session session) {
        return nudges.heldBy(session.accountId(), session.id());
    }

    /** "Not now": the nudge goes away until the next one, a week on at the earliest. */
    public void putOffNudge(Session session) {
        nudges.putOff(session.accountId());
    }

    /** "Don't remind me again". */
    public void dismissNudge(Session session) {
        nudges.dismiss(session.accountId(), clock.instant());
    }

    private static Item backupCodes(TwoStepStatus status) {
        if (status.backupCodesCreatedAt().isEmpty()) {
            return new Item(Kind.BACKUP_CODES, State.NEEDS_ATTENTION, Map.of("remaining", "0"));
        }
        int remaining = status.backupCodesRemaining();
        Map<String, String> facts = Map.of("remaining", String.valueOf(remaining),
                "total", String.valueOf(status.backupCodesTotal()),
                "createdAt", status.backupCodesCreatedAt().get().toString());
        return new Item(Kind.BACKUP_CODES, state(remaining > FEW_BACKUP_CODES), facts);
    }

    /**
     * Sessions (and, once they exist, trusted devices) to review: good when this is the only one. A count of
     * trusted devices goes here, as one more fact and one more term of {@code others}.
     */
    private Item toReview(Session session) {
        int active = sessions.active(session.accountId()).size();
        int others = Math.max(0, active - 1);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("sessions", String.valueOf(Math.max(active, 1)));
        // Issue 17: the browsers and apps that skip the second step are reviewed with the sessions.
        facts.put("trustedDevices", String.valueOf(trusted.list(session.accountId()).size()));
        return new Item(Kind.SESSIONS, state(others == 0), facts);
    }

    private Item recentEvents(AccountId id) {
        Instant since = clock.instant().minus(RECENT);
        List<AuditEvent> recent = auditLog.recent(id, RECENT_EVENTS_READ).stream()
                .filter(e -> !e.at().isBefore(since) && WORTH_REVIEWING.contains(e.type()))
                .toList();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("count", String.valueOf(recent.size()));
        if (!recent.isEmpty()) {
            facts.put("latest", recent.getFirst().at().toString());
        }
        return new Item(Kind.RECENT_EVENTS, state(recent.isEmpty()), facts);
    }

    private static boolean has(List<ContactChannel> contacts, Channel kind) {
        return contacts.stream().anyMatch(c -> c.kind() == kind);
    }

    private static State state(boolean good) {
        return good ? State.GOOD : State.NEEDS_ATTENTION;
    }
}
