package dev.aikagi.core.session;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.login.LoginFlow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Opening, finding and ending sessions. Each authentication step gives the browser a new token
 * (session fixation: OWASP Session Management), and a token is checked for shape before any look-up.
 */
public final class Sessions {

    /** {@code lastSeenAt} is written at most this often, not on every request. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final SessionRepository repository;
    private final AccountLinkRepository links;
    private final SessionTokens tokens;
    private final dev.aikagi.core.crypto.SecretGenerator generator;
    private final Clock clock;

    public Sessions(SessionRepository repository, AccountLinkRepository links, SessionTokens tokens,
                    dev.aikagi.core.crypto.SecretGenerator generator, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.links = Objects.requireNonNull(links, "links");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A session and the token that carries it; the token is shown to the client once and never stored. */
    public record Opened(Session session, String token) {
        @Override
        public String toString() {
            return "Opened[" + session + "]";
        }
    }

    /** Opens a session for a finished login flow. */
    public Opened open(LoginFlow flow, Session.Kind kind) {
        if (!flow.isAuthenticated()) {
            throw new IllegalStateException("login flow " + flow.id() + " is not authenticated");
        }
        Instant now = clock.instant();
        String token = tokens.newToken();
        Session session = new Session(generator.uuid(), SessionTokens.hash(token), flow.accountId(),
                flow.amr(), flow.assuranceLevel(), now, now, null, kind);
        repository.create(session);
        return new Opened(session, token);
    }

    /**
     * Opens the session a completed recovery leads to: assurance AAL1, {@code amr} {@code recovery}, and
     * counted as just re-authenticated, so that new factors can be enrolled at once.
     */
    public Opened openRecovery(AccountId accountId, Session.Kind kind) {
        Instant now = clock.instant();
        String token = tokens.newToken();
        Session session = new Session(generator.uuid(), SessionTokens.hash(token), accountId,
                java.util.List.of(Session.RECOVERY_AMR), dev.aikagi.core.session.AssuranceLevel.AAL1, now, now, now, kind);
        repository.create(session);
        return new Opened(session, token);
    }

    /**
     * The browser session already signed in proved another account ("add account" in the Account
     * Center): link the two, make the new one active, and give the browser a new token.
     */
    public Opened addAccount(Session current, LoginFlow flow) {
        if (!flow.isAuthenticated()) {
            throw new IllegalStateException("login flow " + flow.id() + " is not authenticated");
        }
        links.link(current.accountId(), flow.accountId());
        Instant now = clock.instant();
        String token = tokens.newToken();
        Session next = new Session(current.id(), SessionTokens.hash(token), flow.accountId(),
                flow.amr(), flow.assuranceLevel(), now, now, null, current.kind());
        if (!repository.replace(next, current.tokenHash())) {
            // The old session ended (or was rotated by another request) meanwhile: start a fresh one.
            next = new Session(generator.uuid(), next.tokenHash(), next.accountId(), next.amr(), next.assurance(),
                    now, now, null, next.kind());
            repository.create(next);
        }
        return new Opened(next, token);
    }

    /** The live session behind a token, touching its last-seen time; empty for anything else. */
    public Optional<Session> find(String token) {
        if (!SessionTokens.isWellFormed(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Session> found = repository.findByTokenHash(SessionTokens.hash(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session session = found.get();
        if (!session.isActiveAt(now)) {
            repository.delete(session.id());
            return Optional.empty();
        }
        if (!now.isBefore(session.lastSeenAt().plus(TOUCH_INTERVAL))) {
            repository.touch(session.id(), now);
            session = withLastSeen(session, now);
        }
        return Optional.of(session);
    }

    /** The password was re-entered: sensitive actions are open for {@link Session#REAUTH_WINDOW}. */
    public Session markReauthenticated(Session session) {
        Instant now = clock.instant();
        repository.markReauthenticated(session.id(), now);
        return new Session(session.id(), session.tokenHash(), session.accountId(),
                session.amr(), session.assurance(), session.createdAt(), now, now, session.kind());
    }

    /**
     * A session raised to AAL2 (NIST SP 800-63B-4 §2.2.2): {@code newToken} is the token that now carries it, when
     * it changed.
     */
    public record Raised(Session session, Optional<String> newToken) {
        public Raised {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(newToken, "newToken");
        }

        @Override
        public String toString() {
            return "Raised[" + session + "]";
        }
    }

    /**
     * The session just proved a second factor ({@code method}: turning two-step verification on, or a step-up):
     * from now on it counts as AAL2, with the factor added to its {@code amr}. A browser session gets a new token,
     * as after every login step (OWASP Session Management: a cookie planted before the step must not ride along);
     * an API session keeps its bearer token, which the login answer handed to its client and which nobody else
     * can set. A recovery session is never raised: it stays limited to setting the account up again.
     *
     * @return the raised session, or empty when it ended or was rotated meanwhile
     */
    public Optional<Raised> raise(Session session, FactorKind method) {
        Objects.requireNonNull(method, "method");
        if (session.isRecovery()) {
            throw new IllegalArgumentException("a recovery session is never raised: " + session);
        }
        if (!method.isSecondFactor()) {
            throw new IllegalArgumentException("not a second factor: " + method);
        }
        Instant now = clock.instant();
        java.util.List<String> amr = new java.util.ArrayList<>(session.amr());
        for (String value : method.amrValues()) { // a passkey: hwk and user
            if (!amr.contains(value)) {
                amr.add(value);
            }
        }
        Optional<String> token = session.kind() == Session.Kind.BROWSER ? Optional.of(tokens.newToken()) : Optional.empty();
        Session next = new Session(session.id(), token.map(SessionTokens::hash).orElse(session.tokenHash()),
                session.accountId(), amr, AssuranceLevel.AAL2, session.createdAt(), now, session.reauthenticatedAt(),
                session.kind());
        if (!repository.replace(next, session.tokenHash())) {
            return Optional.empty();
        }
        return Optional.of(new Raised(next, token));
    }

    /** Accounts of the Account Center this session's account belongs to. */
    public java.util.Set<AccountId> accountCenter(Session session) {
        return links.group(session.accountId());
    }

    public void end(Session session) {
        repository.delete(session.id());
    }

    /** Ends the account's other sessions (after a factor change the person may ask for this). */
    public int endOthers(Session keep) {
        return repository.deleteAllOf(keep.accountId(), Optional.of(keep.id()));
    }

    /** Ends every session of the account ("this wasn't me", recovery). */
    public int endAll(AccountId accountId) {
        return repository.deleteAllOf(accountId, Optional.empty());
    }

    public java.util.List<Session> active(AccountId accountId) {
        return repository.findByAccount(accountId, clock.instant());
    }

    public Optional<Session> findById(AccountId accountId, UUID id) {
        return active(accountId).stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static Session withLastSeen(Session s, Instant now) {
        return new Session(s.id(), s.tokenHash(), s.accountId(), s.amr(), s.assurance(),
                s.createdAt(), now, s.reauthenticatedAt(), s.kind());
    }
}
