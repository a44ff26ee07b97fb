package dev.aikagi.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignInTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.10");
    private static final String PASSWORD = "雪の日のゆきだるま";
    private static final String LAPTOP = "laptop-device-value-0123456789abcdef";

    private final TestWorld world = new TestWorld("2026-11-25T09:00:00Z", 41);
    private final RecordingListener listener = new RecordingListener();
    private final SignIn signIn = new SignIn(world.sessions, world.devices, listener, world.audit);
    private final SignOut signOut = new SignOut(world.sessions, listener, world.audit);
    private final SignUp signUp = new SignUp(world.accounts, world.hasher, new PasswordPolicy(Set.of()), world.generator,
            world.audit, world.clock);

    /** What the OpenID Connect side was told, in order, with whether the session was live at that moment. */
    private final class RecordingListener implements SessionListener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void signedIn(Session session) {
            calls.add("in " + session.id() + " live=" + world.sessions.findById(session.accountId(), session.id()).isPresent());
        }

        @Override
        public void signedOut(Session session) {
            calls.add("out " + session.id() + " live=" + world.sessions.findById(session.accountId(), session.id()).isPresent());
        }
    }

    private AccountId register(String username) {
        return signUp.register(username, PASSWORD, FROM.value()).doneValue().orElseThrow();
    }

    private LoginResult.Authenticated password(String username) {
        return (LoginResult.Authenticated) world.login.submitPassword(username, PASSWORD, FROM);
    }

    private List<AuditEvent> events(AuditType type) {
        return world.auditLog.all().stream().filter(e -> e.type() == type).toList();
    }

    private SignIn.Browser browser(Optional<Session> current, boolean replaceCurrent) {
        return new SignIn.Browser(current, replaceCurrent, LAPTOP, "Firefox on Linux");
    }

    @Test
    void completeWhenBrowserWithoutSessionThenBrowserSessionAtTheFlowsLevelAndListenerTold() {
        AccountId taro = register("taro");

        SignIn.SignedIn signedIn = signIn.complete(password("taro"), browser(Optional.empty(), false), FROM);

        assertThat(signedIn).isInstanceOf(SignIn.Opened.class);
        Session session = world.sessions.find(signedIn.opened().token()).orElseThrow();
        assertThat(session.accountId()).isEqualTo(taro);
        assertThat(session.kind()).isEqualTo(Session.Kind.BROWSER);
        assertThat(session.assurance()).isEqualTo(AssuranceLevel.AAL1);
        assertThat(session.amr()).containsExactly("pwd");
        assertThat(listener.calls).containsExactly("in " + session.id() + " live=true");
        assertThat(events(AuditType.LOGIN_NEW_DEVICE)).singleElement()
                .satisfies(e -> assertThat(e.details()).isEqualTo(Map.of("device", "Firefox on Linux")));
    }

    @Test
    void completeWhenSecondFactorProvedThenSessionAtAal2WithBothFactors() {
        AccountId taro = register("taro");
        var enrollment = world.totp.begin(taro, "taro", world.clock.instant());
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        world.totp.confirm(taro, Totp.codeAt(key, world.clock.instant(), TotpParameters.DEFAULT), world.clock.instant());
        world.clock.advance(Duration.ofSeconds(30));
        LoginResult.SecondFactorRequired first =
                (LoginResult.SecondFactorRequired) world.login.submitPassword("taro", PASSWORD, FROM);
        LoginResult.Authenticated done = (LoginResult.Authenticated) world.login.verifySecondFactor(first.flow().id(),
                FactorKind.TOTP, Totp.codeAt(key, world.clock.instant(), TotpParameters.DEFAULT), FROM);

        SignIn.SignedIn signedIn = signIn.complete(done, new SignIn.App(Optional.empty()), FROM);

        Session session = signedIn.opened().session();
        assertThat(session.assurance()).isEqualTo(AssuranceLevel.AAL2);
        assertThat(session.amr()).containsExactly("pwd", "otp");
        assertThat(session.kind()).isEqualTo(Session.Kind.API);
    }

    @Test
    void completeWhenSameBrowserAgainThenNoNewDeviceNotice() {
        register("taro");
        signIn.complete(password("taro"), browser(Optional.empty(), false), FROM);

        signIn.complete(password("taro"), browser(Optional.empty(), false), FROM);

        assertThat(events(AuditType.LOGIN_NEW_DEVICE)).hasSize(1);
    }

    @Test
    void completeWhenBrowserSignedInAsAnotherAccountThenAccountAddedLinkedAndAuditedOnBothSides() {
        AccountId taro = register("taro");
        AccountId hanako = register("hanako");
        Session current = signIn.complete(password("taro"), browser(Optional.empty(), false), FROM).opened().session();

        SignIn.SignedIn added = signIn.complete(password("hanako"), browser(Optional.of(current), false), FROM);

        assertThat(added).isEqualTo(new SignIn.AccountAdded(added.opened(), taro));
        Session session = world.sessions.find(added.opened().token()).orElseThrow();
        assertThat(session.accountId()).isEqualTo(hanako);
        assertThat(world.sessions.accountCenter(session)).containsExactlyInAnyOrder(taro, hanako);
        assertThat(events(AuditType.ACCOUNT_LINKED)).extracting(AuditEvent::accountId, AuditEvent::details)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(hanako, Map.of("linked", taro.toString())),
                        org.assertj.core.groups.Tuple.tuple(taro, Map.of("linked", hanako.toString())));
        assertThat(listener.calls).hasSize(2).last().isEqualTo("in " + session.id() + " live=true");
    }

    @Test
    void completeWhenApplicationAskedForAFreshLoginThenTheCurrentSessionEndsAndNothingIsLinked() {
        AccountId taro = register("taro");
        register("hanako");
        Session current = signIn.complete(password("taro"), browser(Optional.empty(), false), FROM).opened().session();

        SignIn.SignedIn fresh = signIn.complete(password("hanako"), browser(Optional.of(current), true), FROM);

        assertThat(fresh).isInstanceOf(SignIn.Opened.class);
        assertThat(world.sessions.findById(taro, current.id())).isEmpty();
        assertThat(world.sessions.accountCenter(fresh.opened().session())).hasSize(1);
        assertThat(events(AuditType.ACCOUNT_LINKED)).isEmpty();
    }

    @Test
    void completeWhenAppWithDeviceThenApiSessionAndDeviceCalledApp() {
        register("taro");

        SignIn.SignedIn signedIn = signIn.complete(password("taro"), new SignIn.App(Optional.of(LAPTOP)), FROM);

        assertThat(signedIn.opened().session().kind()).isEqualTo(Session.Kind.API);
        assertThat(events(AuditType.LOGIN_NEW_DEVICE)).singleElement()
                .satisfies(e -> assertThat(e.details()).isEqualTo(Map.of("device", SignIn.APP_DEVICE)));
        assertThat(listener.calls).containsExactly("in " + signedIn.opened().session().id() + " live=true");
    }

    @Test
    void completeWhenAppWithoutDeviceThenNoDeviceRecorded() {
        register("taro");

        signIn.complete(password("taro"), new SignIn.App(Optional.empty()), FROM);

        assertThat(events(AuditType.LOGIN_NEW_DEVICE)).isEmpty();
    }

    @Test
    void completeWhenNewAccountThenItsDeviceIsKnownFromTheStart() {
        register("taro");

        SignIn.SignedIn signedIn = signIn.complete(password("taro"), new SignIn.NewAccount(Optional.empty(), LAPTOP), FROM);
        signIn.complete(password("taro"), browser(Optional.empty(), false), FROM);

        assertThat(signedIn.opened().session().kind()).isEqualTo(Session.Kind.BROWSER);
        assertThat(events(AuditType.LOGIN_NEW_DEVICE)).isEmpty();
    }

    @Test
    void completeWhenNewAccountCreatedWhileSignedInThenAddedToTheAccountCenter() {
        AccountId taro = register("taro");
        Session current = signIn.complete(password("taro"), browser(Optional.empty(), false), FROM).opened().session();
        AccountId jiro = register("jiro");

        SignIn.SignedIn signedIn = signIn.complete(password("jiro"), new SignIn.NewAccount(Optional.of(current), LAPTOP),
                FROM);

        assertThat(signedIn).isInstanceOf(SignIn.AccountAdded.class);
        assertThat(world.sessions.accountCenter(signedIn.opened().session())).containsExactlyInAnyOrder(taro, jiro);
    }

    @Test
    void signOutWhenSignedInThenSessionEndsBeforeTheListenerIsToldAndLogoutAudited() {
        AccountId taro = register("taro");
        SignIn.SignedIn signedIn = signIn.complete(password("taro"), new SignIn.App(Optional.empty()), FROM);
        Session session = signedIn.opened().session();

        SignOut.SignedOut out = signOut.signOut(session, new ClientAddress("198.51.100.7"));

        assertThat(out.session()).isEqualTo(session);
        assertThat(world.sessions.find(signedIn.opened().token())).isEmpty();
        assertThat(listener.calls).containsExactly("in " + session.id() + " live=true", "out " + session.id() + " live=false");
        assertThat(events(AuditType.LOGOUT)).singleElement().satisfies(e -> {
            assertThat(e.accountId()).isEqualTo(taro);
            assertThat(e.clientAddress()).isEqualTo("198.51.100.7");
        });
    }

    @Test
    void constructorsWhenCollaboratorMissingThenNamed() {
        assertThatThrownBy(() -> new SignIn(null, world.devices, listener, world.audit)).hasMessage("sessions");
        assertThatThrownBy(() -> new SignIn(world.sessions, null, listener, world.audit)).hasMessage("devices");
        assertThatThrownBy(() -> new SignIn(world.sessions, world.devices, null, world.audit)).hasMessage("listener");
        assertThatThrownBy(() -> new SignIn(world.sessions, world.devices, listener, null)).hasMessage("audit");
        assertThatThrownBy(() -> new SignOut(null, listener, world.audit)).hasMessage("sessions");
        assertThatThrownBy(() -> new SignOut(world.sessions, null, world.audit)).hasMessage("listener");
        assertThatThrownBy(() -> new SignOut(world.sessions, listener, null)).hasMessage("audit");
    }
}
