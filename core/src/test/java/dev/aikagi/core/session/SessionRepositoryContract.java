package dev.aikagi.core.session;

import static dev.aikagi.core.TestAccounts.account;
import static dev.aikagi.core.session.TestSessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SessionRepository} must do. Subclasses supply the implementation under test. */
public abstract class SessionRepositoryContract {

    private static final Instant T0 = TestSessions.CREATED_AT;
    private static final Duration MICRO = Duration.ofNanos(1_000);

    private SessionRepository sessions;
    private AccountRepository accounts;

    /** A repository holding no sessions. */
    protected abstract SessionRepository createRepository();

    /** Where the accounts owning the sessions are created first (the JDBC table has a foreign key). */
    protected abstract AccountRepository accountRepository();

    @BeforeEach
    void setUpRepository() {
        sessions = createRepository();
        accounts = accountRepository();
    }

    @Test
    void createWhenNewThenFindByTokenHashReturnsWhatWasStored() {
        Session session = session(newAccount())
                .amr("pwd", "otp", "backup_code")
                .assurance(AssuranceLevel.AAL2)
                .createdAt(T0)
                .lastSeenAt(T0.plusSeconds(30).plus(MICRO))
                .reauthenticatedAt(T0.plusSeconds(20).plus(MICRO.multipliedBy(7)))
                .kind(Session.Kind.API)
                .build();

        sessions.create(session);

        assertThat(sessions.findByTokenHash(session.tokenHash())).contains(session);
    }

    @Test
    void createWhenNoFactorsAndNeverReauthenticatedThenTheyRoundTrip() {
        Session session = session(newAccount()).amr().assurance(AssuranceLevel.AAL1).reauthenticatedAt(null)
                .kind(Session.Kind.BROWSER).build();

        sessions.create(session);

        Session stored = sessions.findByTokenHash(session.tokenHash()).orElseThrow();
        assertThat(stored).isEqualTo(session);
        assertThat(stored.amr()).isEmpty();
        assertThat(stored.reauthenticatedAt()).isNull();
    }

    @Test
    void createWhenIdTakenThenConflictAndFirstKept() {
        AccountId owner = newAccount();
        Session first = session(owner).build();
        sessions.create(first);
        Session clash = session(owner).id(first.id()).build();

        assertThatThrownBy(() -> sessions.create(clash)).isInstanceOf(Conflict.class);

        assertThat(sessions.findByTokenHash(first.tokenHash())).contains(first);
        assertThat(sessions.findByTokenHash(clash.tokenHash())).isEmpty();
    }

    @Test
    void createWhenTokenHashTakenThenConflictAndFirstKept() {
        Session first = session(newAccount()).build();
        sessions.create(first);
        Session clash = session(newAccount()).tokenHash(first.tokenHash()).build();

        assertThatThrownBy(() -> sessions.create(clash)).isInstanceOf(Conflict.class);

        assertThat(sessions.findByTokenHash(first.tokenHash())).contains(first);
        assertThat(sessions.findByAccount(clash.accountId(), T0)).isEmpty();
    }

    @Test
    void createWhenAmrValueEmptyOrHoldsCommaThenIllegalArgument() {
        AccountId owner = newAccount();

        // The methods are stored comma-separated: such values could not be read back as written.
        assertThatIllegalArgumentException().isThrownBy(() -> sessions.create(session(owner).amr("pwd,otp").build()));
        assertThatIllegalArgumentException().isThrownBy(() -> sessions.create(session(owner).amr("").build()));

        assertThat(sessions.findByAccount(owner, T0)).isEmpty();
    }

    @Test
    void findByTokenHashWhenUnknownThenEmpty() {
        sessions.create(session(newAccount()).build());

        assertThat(sessions.findByTokenHash(TestSessions.tokenHash())).isEmpty();
    }

    @Test
    void replaceWhenSessionExistsThenEveryFieldIsReplaced() {
        Session old = session(newAccount()).amr("pwd").assurance(AssuranceLevel.AAL1).kind(Session.Kind.BROWSER).build();
        sessions.create(old);
        // What Sessions.addAccount does: same id, new token, another account, new times.
        Session next = session(newAccount()).id(old.id())
                .amr("pwd", "otp")
                .assurance(AssuranceLevel.AAL2)
                .createdAt(T0.plusSeconds(60).plus(MICRO))
                .lastSeenAt(T0.plusSeconds(90))
                .reauthenticatedAt(T0.plusSeconds(75))
                .kind(Session.Kind.API)
                .build();

        assertThat(sessions.replace(next, old.tokenHash())).isTrue();

        assertThat(sessions.findByTokenHash(next.tokenHash())).contains(next);
        assertThat(sessions.findByTokenHash(old.tokenHash())).as("the old token no longer finds it").isEmpty();
        assertThat(sessions.findByAccount(old.accountId(), T0.plusSeconds(90))).isEmpty();
        assertThat(sessions.findByAccount(next.accountId(), T0.plusSeconds(90))).containsExactly(next);
    }

    @Test
    void replaceWhenReauthenticationClearedThenStoredAsNull() {
        Session old = session(newAccount()).reauthenticatedAt(T0).build();
        sessions.create(old);
        Session next = session(old.accountId()).id(old.id()).tokenHash(old.tokenHash()).reauthenticatedAt(null).build();

        assertThat(sessions.replace(next, old.tokenHash())).isTrue();

        assertThat(sessions.findByTokenHash(old.tokenHash())).contains(next);
    }

    @Test
    void replaceWhenSessionGoneThenFalseAndNothingCreated() {
        Session gone = session(newAccount()).build();
        sessions.create(gone);
        sessions.delete(gone.id());
        Session next = session(gone.accountId()).id(gone.id()).build();

        assertThat(sessions.replace(next, gone.tokenHash())).isFalse();

        assertThat(sessions.findByTokenHash(next.tokenHash())).isEmpty();
        assertThat(sessions.findByAccount(gone.accountId(), T0)).isEmpty();
    }

    @Test
    void replaceWhenTokenHashTakenByAnotherSessionThenConflictAndBothUnchanged() {
        AccountId owner = newAccount();
        Session mine = session(owner).build();
        Session other = session(owner).build();
        sessions.create(mine);
        sessions.create(other);
        Session clash = session(owner).id(mine.id()).tokenHash(other.tokenHash()).lastSeenAt(T0.plusSeconds(1)).build();

        assertThatThrownBy(() -> sessions.replace(clash, mine.tokenHash())).isInstanceOf(Conflict.class);

        assertThat(sessions.findByTokenHash(mine.tokenHash())).contains(mine);
        assertThat(sessions.findByTokenHash(other.tokenHash())).contains(other);
    }

    @Test
    void replaceWhenAlreadyRotatedThenStaleCopyRefusedAndNewTokenKept() {
        Session old = session(newAccount()).build();
        sessions.create(old);
        Session rotated = session(old.accountId()).id(old.id()).lastSeenAt(T0.plusSeconds(5)).build();
        Session stale = session(old.accountId()).id(old.id()).lastSeenAt(T0.plusSeconds(9)).build();

        assertThat(sessions.replace(rotated, old.tokenHash())).isTrue();
        assertThat(sessions.replace(stale, old.tokenHash())).isFalse();

        assertThat(sessions.findByTokenHash(rotated.tokenHash())).contains(rotated);
        assertThat(sessions.findByTokenHash(stale.tokenHash())).isEmpty();
    }

    @Test
    void touchWhenLaterThenOnlyLastSeenMovesForward() {
        Session stored = session(newAccount()).reauthenticatedAt(T0).build();
        sessions.create(stored);

        sessions.touch(stored.id(), T0.plusSeconds(120));
        sessions.touch(stored.id(), T0.plusSeconds(60));

        Session read = sessions.findByTokenHash(stored.tokenHash()).orElseThrow();
        assertThat(read.lastSeenAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(read.reauthenticatedAt()).isEqualTo(T0);
        assertThat(read.tokenHash()).isEqualTo(stored.tokenHash());
    }

    @Test
    void markReauthenticatedWhenCalledThenReauthenticatedAndSeenAtThatTime() {
        Session stored = session(newAccount()).build();
        sessions.create(stored);

        sessions.markReauthenticated(stored.id(), T0.plusSeconds(300));

        Session read = sessions.findByTokenHash(stored.tokenHash()).orElseThrow();
        assertThat(read.reauthenticatedAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(read.lastSeenAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(read.accountId()).isEqualTo(stored.accountId());
    }

    @Test
    void deleteWhenSessionExistsThenOnlyItIsGone() {
        AccountId owner = newAccount();
        Session ended = session(owner).build();
        Session other = session(owner).build();
        sessions.create(ended);
        sessions.create(other);

        sessions.delete(ended.id());

        assertThat(sessions.findByTokenHash(ended.tokenHash())).isEmpty();
        assertThat(sessions.findByTokenHash(other.tokenHash())).contains(other);
    }

    @Test
    void deleteWhenUnknownThenNothingHappens() {
        Session session = session(newAccount()).build();
        sessions.create(session);

        sessions.delete(UUID.randomUUID());

        assertThat(sessions.findByTokenHash(session.tokenHash())).contains(session);
    }

    @Test
    void deleteAllOfWhenNothingKeptThenEndsEverySessionOfTheAccountAndCountsThem() {
        AccountId owner = newAccount();
        AccountId other = newAccount();
        Session browser = session(owner).build();
        Session api = session(owner).kind(Session.Kind.API).build();
        Session others = session(other).build();
        sessions.create(browser);
        sessions.create(api);
        sessions.create(others);

        assertThat(sessions.deleteAllOf(owner, Optional.empty())).isEqualTo(2);

        assertThat(sessions.findByTokenHash(browser.tokenHash())).isEmpty();
        assertThat(sessions.findByTokenHash(api.tokenHash())).isEmpty();
        assertThat(sessions.findByTokenHash(others.tokenHash())).contains(others);
    }

    @Test
    void deleteAllOfWhenOneKeptThenEndsTheOthersAndCountsThem() {
        AccountId owner = newAccount();
        Session keep = session(owner).build();
        Session second = session(owner).build();
        Session third = session(owner).build();
        sessions.create(keep);
        sessions.create(second);
        sessions.create(third);

        assertThat(sessions.deleteAllOf(owner, Optional.of(keep.id()))).isEqualTo(2);

        assertThat(sessions.findByTokenHash(keep.tokenHash())).contains(keep);
        assertThat(sessions.findByAccount(owner, T0)).containsExactly(keep);
    }

    @Test
    void deleteAllOfWhenKeptSessionBelongsToAnotherAccountThenItSurvives() {
        AccountId owner = newAccount();
        Session mine = session(owner).build();
        Session others = session(newAccount()).build();
        sessions.create(mine);
        sessions.create(others);

        assertThat(sessions.deleteAllOf(owner, Optional.of(others.id()))).isEqualTo(1);

        assertThat(sessions.findByTokenHash(others.tokenHash())).contains(others);
    }

    @Test
    void deleteAllOfWhenNoSessionsThenZero() {
        assertThat(sessions.deleteAllOf(newAccount(), Optional.empty())).isZero();
    }

    @Test
    void findByAccountWhenSomeEndedThenOnlyActiveOnesNewestFirst() {
        AccountId owner = newAccount();
        Instant now = T0.plus(Duration.ofDays(2));
        Instant oldest = now.minus(Session.MAX_AGE);
        Instant idleSince = now.minus(Session.IDLE_TIMEOUT);
        // Each boundary on both sides: a session is active strictly before createdAt + MAX_AGE and
        // lastSeenAt + IDLE_TIMEOUT (Session.isActiveAt).
        Session tooOld = session(owner).createdAt(oldest).lastSeenAt(now.minusSeconds(1)).build();
        Session justYoungEnough = session(owner).createdAt(oldest.plus(MICRO)).lastSeenAt(now.minusSeconds(1)).build();
        Session idle = session(owner).createdAt(now.minusSeconds(7_200)).lastSeenAt(idleSince).build();
        Session justBusyEnough = session(owner).createdAt(now.minusSeconds(7_100)).lastSeenAt(idleSince.plus(MICRO)).build();
        Session newest = session(owner).createdAt(now.minusSeconds(5)).kind(Session.Kind.API).build();
        Session others = session(newAccount()).createdAt(now.minusSeconds(5)).build();
        for (Session s : new Session[] {tooOld, justYoungEnough, idle, justBusyEnough, newest, others}) {
            sessions.create(s);
        }

        assertThat(sessions.findByAccount(owner, now)).containsExactly(newest, justBusyEnough, justYoungEnough)
                .allSatisfy(s -> assertThat(s.isActiveAt(now)).isTrue());
    }

    @Test
    void findByAccountWhenNowHasNanosecondsThenBoundariesFollowIsActiveAt() {
        AccountId owner = newAccount();
        Instant now = T0.plus(Duration.ofHours(3)).plusNanos(500);
        // Stored times keep microseconds; lastSeenAt + IDLE_TIMEOUT is 500 ns before now, so it has ended.
        Session ended = session(owner).createdAt(now.minus(Session.IDLE_TIMEOUT).minusNanos(500)).build();
        Session active = session(owner).createdAt(now.minus(Session.IDLE_TIMEOUT).plusNanos(500)).build();
        sessions.create(ended);
        sessions.create(active);

        assertThat(sessions.findByAccount(owner, now)).containsExactly(active);
    }

    @Test
    void deleteInactiveWhenSomeEndedThenExactlyThoseDeletedForEveryAccount() {
        Instant now = T0.plus(Duration.ofDays(2));
        Instant oldest = now.minus(Session.MAX_AGE);
        Instant idleSince = now.minus(Session.IDLE_TIMEOUT);
        Session tooOld = session(newAccount()).createdAt(oldest).lastSeenAt(now.minusSeconds(1)).build();
        Session justYoungEnough = session(newAccount()).createdAt(oldest.plus(MICRO)).lastSeenAt(now.minusSeconds(1)).build();
        Session idle = session(newAccount()).createdAt(now.minusSeconds(7_200)).lastSeenAt(idleSince).build();
        Session justBusyEnough = session(newAccount()).createdAt(now.minusSeconds(7_100)).lastSeenAt(idleSince.plus(MICRO)).build();
        for (Session s : new Session[] {tooOld, justYoungEnough, idle, justBusyEnough}) {
            sessions.create(s);
        }

        assertThat(sessions.deleteInactive(now)).isEqualTo(2);

        assertThat(sessions.findByTokenHash(tooOld.tokenHash())).isEmpty();
        assertThat(sessions.findByTokenHash(idle.tokenHash())).isEmpty();
        assertThat(sessions.findByTokenHash(justYoungEnough.tokenHash())).contains(justYoungEnough);
        assertThat(sessions.findByTokenHash(justBusyEnough.tokenHash())).contains(justBusyEnough);
        assertThat(sessions.deleteInactive(now)).isZero();
    }

    @Test
    void findByAccountWhenNoSessionsThenEmpty() {
        assertThat(sessions.findByAccount(newAccount(), T0)).isEmpty();
    }

    private AccountId newAccount() {
        Account account = account().build();
        accounts.create(account);
        return account.id();
    }
}
