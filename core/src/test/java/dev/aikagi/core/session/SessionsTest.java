package dev.aikagi.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.login.LoginEvent;
import dev.aikagi.core.login.LoginFlow;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
    private final InMemorySessionRepository repository = new InMemorySessionRepository();
    private final InMemoryAccountLinkRepository links = new InMemoryAccountLinkRepository();
    private final Sessions sessions = new Sessions(repository, links, new SessionTokens(TestSecrets.generator(9)),
            TestSecrets.generator(10), clock);
    private final AccountId taro = new AccountId(UUID.fromString("00000000-0000-4000-8000-00000000000a"));
    private final AccountId jiro = new AccountId(UUID.fromString("00000000-0000-4000-8000-00000000000b"));

    private LoginFlow authenticated(AccountId id, boolean twoStep) {
        LoginFlow flow = LoginFlow.start(UUID.randomUUID(), clock.instant()).advance(new LoginEvent.PasswordVerified(id,
                twoStep ? Set.of(FactorKind.TOTP) : Set.of(), FactorKind.TOTP), clock.instant());
        return twoStep ? flow.advance(new LoginEvent.SecondFactorVerified(FactorKind.TOTP), clock.instant()) : flow;
    }

    @Test
    void openWhenFlowAuthenticatedThenTokenFindsSessionAndOnlyItsHashIsStored() {
        Sessions.Opened opened = sessions.open(authenticated(taro, true), Session.Kind.BROWSER);

        assertThat(opened.token()).hasSize(43);
        assertThat(opened.session().tokenHash()).isEqualTo(SessionTokens.hash(opened.token())).doesNotContain(opened.token());
        assertThat(opened.session().amr()).containsExactly("pwd", "otp");
        assertThat(opened.session().assurance()).isEqualTo(AssuranceLevel.AAL2);
        assertThat(sessions.find(opened.token())).contains(opened.session());
        assertThat(opened.toString()).doesNotContain(opened.token());
    }

    @Test
    void raiseWhenBrowserSessionThenAal2WithFactorAddedAndNewTokenOldOneDead() {
        Sessions.Opened opened = sessions.open(authenticated(taro, false), Session.Kind.BROWSER);
        clock.advance(Duration.ofMinutes(2));

        Sessions.Raised raised = sessions.raise(opened.session(), FactorKind.SMS).orElseThrow();

        assertThat(raised.session().assurance()).isEqualTo(AssuranceLevel.AAL2);
        assertThat(raised.session().amr()).containsExactly("pwd", "sms");
        assertThat(raised.session().id()).isEqualTo(opened.session().id());
        assertThat(raised.session().createdAt()).as("the session's age still counts").isEqualTo(opened.session().createdAt());
        assertThat(sessions.find(opened.token())).isEmpty();
        assertThat(sessions.find(raised.newToken().orElseThrow())).contains(raised.session());
        assertThat(raised.toString()).doesNotContain(raised.newToken().get());
        assertThat(sessions.raise(opened.session(), FactorKind.TOTP)).as("a stale copy cannot raise again").isEmpty();
    }

    @Test
    void raiseWhenApiSessionThenSameTokenNowAal2() {
        Sessions.Opened opened = sessions.open(authenticated(taro, false), Session.Kind.API);

        Sessions.Raised raised = sessions.raise(opened.session(), FactorKind.BACKUP_CODE).orElseThrow();

        assertThat(raised.newToken()).isEmpty();
        assertThat(sessions.find(opened.token())).hasValueSatisfying(s -> {
            assertThat(s.assurance()).isEqualTo(AssuranceLevel.AAL2);
            assertThat(s.amr()).containsExactly("pwd", "backup_code");
        });
    }

    @Test
    void raiseWhenRecoverySessionOrNotASecondFactorThenRefused() {
        Sessions.Opened recovery = sessions.openRecovery(taro, Session.Kind.BROWSER);
        Sessions.Opened plain = sessions.open(authenticated(taro, false), Session.Kind.BROWSER);

        assertThatThrownBy(() -> sessions.raise(recovery.session(), FactorKind.TOTP))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sessions.raise(plain.session(), FactorKind.PASSWORD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sessions.find(recovery.token())).hasValueSatisfying(
                s -> assertThat(s.assurance()).isEqualTo(AssuranceLevel.AAL1));
    }

    @Test
    void openWhenFlowNotFinishedThenRefused() {
        LoginFlow halfway = LoginFlow.start(UUID.randomUUID(), clock.instant()).advance(
                new LoginEvent.PasswordVerified(taro, Set.of(FactorKind.TOTP), FactorKind.TOTP), clock.instant());

        assertThatThrownBy(() -> sessions.open(halfway, Session.Kind.API)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void findWhenTokenMalformedOrUnknownThenEmpty() {
        sessions.open(authenticated(taro, false), Session.Kind.API);

        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("short")).isEmpty();
        assertThat(sessions.find("A".repeat(43))).isEmpty();
        assertThat(sessions.find("!".repeat(43))).isEmpty();
    }

    @Test
    void findWhenIdleForAnHourThenEnded() {
        Sessions.Opened opened = sessions.open(authenticated(taro, true), Session.Kind.BROWSER);
        clock.advance(Duration.ofMinutes(59));
        assertThat(sessions.find(opened.token())).isPresent();
        clock.advance(Duration.ofMinutes(59));
        assertThat(sessions.find(opened.token())).isPresent();

        clock.advance(Session.IDLE_TIMEOUT);

        assertThat(sessions.find(opened.token())).isEmpty();
        assertThat(repository.findByAccount(taro, clock.instant())).isEmpty();
    }

    @Test
    void findWhenOlderThanMaxAgeThenEndedEvenIfBusy() {
        Sessions.Opened opened = sessions.open(authenticated(taro, true), Session.Kind.BROWSER);
        for (int i = 0; i < 24 * 2; i++) {
            clock.advance(Duration.ofMinutes(30));
            sessions.find(opened.token());
        }
        assertThat(sessions.find(opened.token())).isEmpty();
    }

    @Test
    void addAccountWhenSecondAccountProvedThenLinkedSwitchedAndNewToken() {
        Sessions.Opened first = sessions.open(authenticated(taro, true), Session.Kind.BROWSER);

        Sessions.Opened second = sessions.addAccount(first.session(), authenticated(jiro, true));

        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(sessions.find(first.token())).as("the old token no longer works").isEmpty();
        assertThat(sessions.find(second.token())).hasValueSatisfying(s -> assertThat(s.accountId()).isEqualTo(jiro));
        assertThat(sessions.accountCenter(second.session())).containsExactlyInAnyOrder(taro, jiro);
    }

    @Test
    void endOthersWhenCalledThenOnlyThisSessionRemains() {
        Sessions.Opened keep = sessions.open(authenticated(taro, true), Session.Kind.BROWSER);
        Sessions.Opened other = sessions.open(authenticated(taro, true), Session.Kind.API);

        assertThat(sessions.endOthers(keep.session())).isEqualTo(1);

        assertThat(sessions.find(other.token())).isEmpty();
        assertThat(sessions.find(keep.token())).isPresent();
    }

    @Test
    void markReauthenticatedWhenCalledThenWindowOpenForTenMinutes() {
        Session session = sessions.open(authenticated(taro, true), Session.Kind.BROWSER).session();

        Session reauthenticated = sessions.markReauthenticated(session);

        assertThat(reauthenticated.isReauthenticatedAt(clock.instant())).isTrue();
        assertThat(reauthenticated.isReauthenticatedAt(clock.instant().plus(Session.REAUTH_WINDOW))).isFalse();
    }
}
