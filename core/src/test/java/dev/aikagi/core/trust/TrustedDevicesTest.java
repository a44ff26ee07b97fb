package dev.aikagi.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpEnrollment;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.LoginFlow;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.settings.TwoStepSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 17: remembering a browser or app after a second step, logging in with it, and what ends the trust. */
class TrustedDevicesTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.77");
    private static final String PASSWORD = "夕立のあとの虹を待つ";
    private static final String APP_VALUE = "q3yS2cQ1kV9xJ0pLm7TzRw";

    private final TestWorld world = new TestWorld("2026-12-01T09:00:00Z", 17);
    private final TrustedDevices trusted = world.core.trustedDevices();
    private AccountId account;
    private byte[] key;
    private IssuedBackupCodes backupCodes;

    @BeforeEach
    void signUpWithApp() {
        account = signUp("natsuko");
        Session session = passwordLogin("natsuko").session();
        TotpEnrollment enrollment = world.twoStep.startTotp(session).doneValue().orElseThrow();
        key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        TwoStepSettings.TotpConfirmed confirmed = world.twoStep.confirmTotp(session, code(), FROM).doneValue().orElseThrow();
        backupCodes = confirmed.firstBackupCodes().orElseThrow();
        world.clock.advance(Duration.ofSeconds(30));
    }

    @Test
    void rememberBrowserWhenAppCodeThenNextLoginSkipsSecondStepAtAal2WithSwk() {
        String entry = trusted.rememberBrowser(totpLogin("natsuko"), "chrome/windows", FROM).doneValue().orElseThrow();
        world.clock.advance(Duration.ofDays(3));

        LoginResult result = trustedLogin("natsuko", browser(entry));

        LoginFlow flow = ((LoginResult.Authenticated) result).flow();
        assertThat(flow.amr()).containsExactly("pwd", "swk");
        assertThat(flow.assuranceLevel()).isEqualTo(AssuranceLevel.AAL2);
        assertThat(world.sessions.open(flow, Session.Kind.BROWSER).session().amr()).containsExactly("pwd", "swk");
        List<AuditType> types = world.auditLog.recent(account, 5).stream().map(AuditEvent::type).toList();
        assertThat(types).contains(AuditType.LOGIN_TRUSTED_DEVICE, AuditType.LOGIN_SUCCEEDED);
        TrustedDevice device = trusted.list(account).getFirst();
        assertThat(device.lastUsedAt()).isEqualTo(world.clock.instant());
        assertThat(device.lastNetwork()).isEqualTo("192.0.2.0/24");
        assertThat(entry).startsWith(device.id() + ".");
        assertThat(device.description()).isEqualTo("chrome/windows");
    }

    @Test
    void submitPasswordWhenWrongPasswordThenTrustedBrowserStillRefused() {
        String entry = trusted.rememberBrowser(totpLogin("natsuko"), "chrome/windows", FROM).doneValue().orElseThrow();

        LoginResult result = world.core.trustedDeviceLogin().submitPassword("natsuko", "wrong password here", FROM,
                Optional.empty(), Optional.of(browser(entry)));

        assertThat(result).isInstanceOf(LoginResult.Failed.class);
    }

    @Test
    void recogniseWhenAnotherAccountOrWrongSecretOrExpiredThenSecondStepAsked() {
        String entry = trusted.rememberBrowser(totpLogin("natsuko"), "chrome/windows", FROM).doneValue().orElseThrow();
        signUp("haruto");
        enableTotpFor("haruto");

        assertThat(trustedLogin("haruto", browser(entry))).isInstanceOf(LoginResult.SecondFactorRequired.class);
        String forged = entry.substring(0, entry.indexOf('.') + 1) + "A".repeat(32);
        assertThat(trustedLogin("natsuko", browser(forged))).isInstanceOf(LoginResult.SecondFactorRequired.class);
        world.clock.advance(Duration.ofDays(30));
        assertThat(trustedLogin("natsuko", browser(entry))).isInstanceOf(LoginResult.SecondFactorRequired.class);
    }

    @Test
    void rememberBrowserWhenBackupCodeThenRefused() {
        LoginResult.SecondFactorRequired required = (LoginResult.SecondFactorRequired) world.login
                .submitPassword("natsuko", PASSWORD, FROM);
        LoginResult.Authenticated done = (LoginResult.Authenticated) world.login.verifySecondFactor(required.flow().id(),
                FactorKind.BACKUP_CODE, backupCodes.codes().getFirst(), FROM);

        assertThat(trusted.mayRemember(done.flow())).isFalse();
        assertThat(trusted.rememberBrowser(done.flow(), "chrome/windows", FROM).refusal())
                .contains(TrustedDevices.Refusal.METHOD_NOT_ALLOWED);
        assertThat(trusted.list(account)).isEmpty();
    }

    @Test
    void rememberWhenLifetimeZeroThenTurnedOffAndOldTrustIgnored() {
        String entry = trusted.rememberBrowser(totpLogin("natsuko"), "chrome/windows", FROM).doneValue().orElseThrow();
        TrustedDevices off = new TrustedDevices(world.trustedDeviceRepository,
                new CodeDigester(TestSecrets.keyRing("p1"), world.generator), world.generator, world.audit, world.clock,
                Duration.ZERO);

        assertThat(off.isOn()).isFalse();
        assertThat(off.rememberBrowser(totpLogin("natsuko"), "chrome/windows", FROM).refusal())
                .contains(TrustedDevices.Refusal.TURNED_OFF);
        assertThat(off.recognise(account, browser(entry), FROM)).isEmpty();
    }

    @Test
    void rememberAppWhenValueTooShortThenRefusedAndWhenStrongThenRecognisedByThatValueOnly() {
        LoginFlow flow = totpLogin("natsuko");

        assertThat(trusted.rememberApp(flow, "short-value-123", "app", FROM).refusal())
                .contains(TrustedDevices.Refusal.DEVICE_VALUE_TOO_SHORT);
        assertThat(trusted.rememberApp(flow, APP_VALUE, "app", FROM).isDone()).isTrue();
        // Remembering the same value again replaces the record rather than adding one.
        assertThat(trusted.rememberApp(totpLogin("natsuko"), APP_VALUE, "app", FROM).isDone()).isTrue();

        assertThat(trusted.list(account)).hasSize(1);
        assertThat(trustedLogin("natsuko", new TrustedDevices.App(APP_VALUE)))
                .isInstanceOf(LoginResult.Authenticated.class);
        assertThat(trustedLogin("natsuko", new TrustedDevices.App(APP_VALUE + "x")))
                .isInstanceOf(LoginResult.SecondFactorRequired.class);
        assertThat(world.trustedDeviceRepository.find(trusted.list(account).getFirst().id()).orElseThrow().digest()
                .toString()).doesNotContain(APP_VALUE);
    }

    @Test
    void removeWhenOneOrAllThenTrustEndsAndAudited() {
        String first = trusted.rememberBrowser(totpLogin("natsuko"), "chrome/windows", FROM).doneValue().orElseThrow();
        trusted.rememberBrowser(totpLogin("natsuko"), "safari/iphone", FROM);
        TrustedDevice firstDevice = trusted.list(account).stream()
                .filter(d -> first.startsWith(d.id().toString())).findFirst().orElseThrow();

        assertThat(trusted.remove(signUp("haruto"), firstDevice.id(), FROM)).as("another account's").isFalse();
        assertThat(trusted.remove(account, firstDevice.id(), FROM)).isTrue();
        assertThat(trustedLogin("natsuko", browser(first))).isInstanceOf(LoginResult.SecondFactorRequired.class);
        assertThat(trusted.removeAll(account, FROM)).isEqualTo(1);
        assertThat(trusted.list(account)).isEmpty();
        assertThat(world.auditLog.recent(account, 3)).extracting(AuditEvent::type)
                .contains(AuditType.TRUSTED_DEVICE_REMOVED);
    }

    @Test
    void changePasswordWhenDoneThenEveryTrustedDeviceForgotten() {
        String entry = trusted.rememberBrowser(totpLogin("natsuko"), "chrome/windows", FROM).doneValue().orElseThrow();
        Session session = world.sessions.open(totpLogin("natsuko"), Session.Kind.BROWSER).session();

        assertThat(world.core.passwordChange().change(session, PASSWORD, "新しい合言葉は山の上の月", FROM).isDone()).isTrue();

        assertThat(trusted.list(account)).isEmpty();
        assertThat(world.core.trustedDeviceLogin().submitPassword("natsuko", "新しい合言葉は山の上の月", FROM,
                Optional.empty(), Optional.of(browser(entry)))).isInstanceOf(LoginResult.SecondFactorRequired.class);
    }

    @Test
    void disableTwoStepWhenDoneThenEveryTrustedDeviceForgotten() {
        trusted.rememberBrowser(totpLogin("natsuko"), "chrome/windows", FROM);
        Session session = world.sessions.open(totpLogin("natsuko"), Session.Kind.BROWSER).session();
        world.clock.advance(Duration.ofSeconds(30));

        Outcome<?, ?> disabled = world.twoStep.disable(session, PASSWORD, FactorKind.TOTP, code(), FROM);

        assertThat(disabled.isDone()).isTrue();
        assertThat(trusted.list(account)).isEmpty();
    }

    @Test
    void entriesWhenCookieHoldsSeveralThenNewestFirstAtMostFiveAndJunkDropped() {
        List<String> six = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> world.generator.uuid() + "." + "A".repeat(31) + i).toList();
        String cookie = String.join("~", six.subList(1, 6)) + "~junk";

        assertThat(TrustedDevices.entries(cookie)).hasSize(5);
        assertThat(TrustedDevices.entries(TrustedDevices.withEntry(six.get(0), TrustedDevices.entries(cookie))))
                .hasSize(5).first().isEqualTo(six.get(0));
        assertThat(TrustedDevices.entries(null)).isEmpty();
    }

    private LoginResult trustedLogin(String username, TrustedDevices.Presented presented) {
        return world.core.trustedDeviceLogin().submitPassword(username, PASSWORD, FROM, Optional.empty(),
                Optional.of(presented));
    }

    private static TrustedDevices.Browser browser(String entry) {
        return new TrustedDevices.Browser(List.of(entry));
    }

    private AccountId signUp(String username) {
        return new SignUp(world.accounts, world.hasher, new PasswordPolicy(Set.of()), world.generator, world.audit,
                world.clock).register(username, PASSWORD, FROM.value()).doneValue().orElseThrow();
    }

    private Sessions.Opened passwordLogin(String username) {
        LoginResult.Authenticated result = (LoginResult.Authenticated) world.login.submitPassword(username, PASSWORD, FROM);
        return world.sessions.open(result.flow(), Session.Kind.BROWSER);
    }

    private void enableTotpFor(String username) {
        Session session = passwordLogin(username).session();
        TotpEnrollment enrollment = world.twoStep.startTotp(session).doneValue().orElseThrow();
        byte[] other = Base32.decode(enrollment.base32Secret()).orElseThrow();
        world.twoStep.confirmTotp(session, Totp.codeAt(other, world.clock.instant(), TotpParameters.DEFAULT), FROM);
    }

    /** A login with the app's code (each in its own time step: a code works once). */
    private LoginFlow totpLogin(String username) {
        world.clock.advance(Duration.ofSeconds(30));
        LoginResult.SecondFactorRequired required = (LoginResult.SecondFactorRequired) world.login
                .submitPassword(username, PASSWORD, FROM);
        return ((LoginResult.Authenticated) world.login.verifySecondFactor(required.flow().id(), FactorKind.TOTP, code(),
                FROM)).flow();
    }

    private String code() {
        return Totp.codeAt(key, world.clock.instant(), TotpParameters.DEFAULT);
    }
}
