package dev.aikagi.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.TestChannels;
import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.InMemoryAccountRepository;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.login.LoginFlow;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.login.LoginService;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which events reach which channels, and what "This wasn't me" does. */
class SecurityNotificationsTest {

    private static final ClientAddress FROM = new ClientAddress("192.0.2.50");
    private static final String PASSWORD = "風が吹けば桶屋が儲かる";
    private static final String MOBILE = "+819012345678";
    private static final String EMAIL = "taro@example.jp";
    private static final Pattern LINK = Pattern.compile("token=([A-Za-z0-9_-]+)");

    private final TestWorld world = new TestWorld("2026-11-25T09:00:00Z", 23);
    private final MutableClock clock = world.clock;
    private final SecretGenerator generator = world.generator;
    private final InMemoryAccountRepository accounts = world.accounts;
    private final PasswordHasher hasher = world.hasher;
    private final TotpAuthenticator totp = world.totp;
    private final BackupCodes backupCodes = world.backupCodes;
    private final InMemoryAuditLog auditLog = world.auditLog;
    private final Auditor audit = world.audit;
    private final TestChannels channels = world.channels;
    private final Sessions sessions = world.sessions;
    private final InMemoryKnownDeviceRepository deviceRepository = world.deviceRepository;
    private final SecurityNotifications notifications = world.notifications;
    private final LoginService login = world.login;
    private final KnownDevices devices = new KnownDevices(deviceRepository, generator, audit, clock);

    private AccountId account;
    private IssuedBackupCodes codes;

    @BeforeEach
    void accountWithPhoneEmailAndBackupCodes() {
        account = new SignUp(accounts, hasher, new PasswordPolicy(Set.of()), generator, audit, clock)
                .register("taro", PASSWORD, FROM.value()).doneValue().orElseThrow();
        channels.addPhone(account, MOBILE, clock.instant());
        channels.addEmail(account, EMAIL, clock.instant());
        codes = backupCodes.issue(account, clock.instant());
    }

    private LoginFlow passwordStep() {
        return ((LoginResult.SecondFactorRequired) login.submitPassword("taro", PASSWORD, FROM)).flow();
    }

    @Test
    void aBackupCodeLoginIsToldToEveryChannelWithTheCountLeft() {
        LoginFlow flow = passwordStep();
        login.verifySecondFactor(flow.id(), FactorKind.BACKUP_CODE, codes.codes().get(0), FROM);

        assertThat(channels.to(EMAIL)).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo("alert.backup_code_used");
            assertThat(m.subject()).isEqualTo("alert.backup_code_used");
            assertThat(m.body()).contains("remaining=9").contains("link=https://id.example.jp/security/not-me?token=")
                    .doesNotContain(codes.codes().get(0));
        });
        assertThat(channels.to(MOBILE)).extracting(Message::kind).containsExactly("alert.backup_code_used");
    }

    @Test
    void aWrongSecondFactorAfterTheRightPasswordIsToldOnceInFifteenMinutes() {
        LoginFlow flow = passwordStep();
        String wrong = "0000 0000";
        login.verifySecondFactor(flow.id(), FactorKind.BACKUP_CODE, wrong, FROM);
        login.verifySecondFactor(flow.id(), FactorKind.BACKUP_CODE, wrong, FROM);
        assertThat(channels.to(EMAIL)).extracting(Message::kind).containsExactly("alert.second_factor_failed");

        clock.advance(Duration.ofMinutes(16));
        LoginFlow again = passwordStep();
        login.verifySecondFactor(again.id(), FactorKind.BACKUP_CODE, wrong, FROM);
        assertThat(channels.to(EMAIL)).extracting(Message::kind)
                .containsExactly("alert.second_factor_failed", "alert.second_factor_failed");
    }

    @Test
    void aWrongSmsCodeIsNotTextedBackToThePhoneThatGotIt() {
        LoginFlow flow = passwordStep();
        login.sendCode(flow.id(), FactorKind.SMS, FROM);
        login.verifySecondFactor(flow.id(), FactorKind.SMS, "000000".equals(channels.lastCode(MOBILE)) ? "111111" : "000000", FROM);

        assertThat(channels.to(MOBILE)).extracting(Message::kind).containsExactly("login_code");
        assertThat(channels.to(EMAIL)).extracting(Message::kind).containsExactly("alert.second_factor_failed");
    }

    @Test
    void aLoginFromANewDeviceIsToldAndAKnownDeviceIsNot() {
        String device = devices.newToken();
        assertThat(devices.loggedIn(account, device, FROM.value(), "Chrome / Windows")).isTrue();
        assertThat(devices.loggedIn(account, device, FROM.value(), "Chrome / Windows")).isFalse();
        assertThat(channels.to(EMAIL)).extracting(Message::kind).containsExactly("alert.new_device_login");
        assertThat(channels.to(EMAIL).get(0).body()).contains("device=Chrome / Windows");
    }

    @Test
    void theDeviceAnAccountWasCreatedOnIsNotNewAtItsFirstLogin() {
        String signUpDevice = devices.newToken();
        devices.signedUp(account, signUpDevice);

        assertThat(devices.loggedIn(account, signUpDevice, FROM.value(), "Safari / iPhone")).isFalse();
        assertThat(devices.loggedIn(account, devices.newToken(), FROM.value(), "Firefox / Linux")).isTrue();
        assertThat(channels.to(EMAIL)).extracting(Message::kind).containsExactly("alert.new_device_login");
        assertThat(channels.to(EMAIL).get(0).body()).contains("Firefox / Linux");
    }

    @Test
    void thisWasntMeEndsEverySessionOnceAndForgetsDevices() {
        LoginFlow flow = passwordStep();
        LoginResult.Authenticated done = (LoginResult.Authenticated) login.verifySecondFactor(flow.id(),
                FactorKind.BACKUP_CODE, codes.codes().get(1), FROM);
        sessions.open(done.flow(), Session.Kind.BROWSER);
        sessions.open(done.flow(), Session.Kind.API);
        String device = devices.newToken();
        devices.loggedIn(account, device, FROM.value(), "Safari / iPhone");
        Matcher link = LINK.matcher(channels.to(EMAIL).get(0).body());
        assertThat(link.find()).isTrue();

        assertThat(notifications.reportNotMe(link.group(1), "198.51.100.7")).contains(account);

        assertThat(sessions.active(account)).isEmpty();
        assertThat(auditLog.recent(account, 30)).extracting(AuditEvent::type).contains(AuditType.ALERT_REPORTED);
        assertThat(notifications.reportNotMe(link.group(1), "198.51.100.7")).as("single use").isEmpty();
        assertThat(devices.loggedIn(account, device, FROM.value(), "Safari / iPhone")).as("devices forgotten").isTrue();
    }

    @Test
    void aLinkExpiresAfterSevenDaysAndForgedLinksDoNothing() {
        LoginFlow flow = passwordStep();
        login.verifySecondFactor(flow.id(), FactorKind.BACKUP_CODE, codes.codes().get(2), FROM);
        Matcher link = LINK.matcher(channels.to(EMAIL).get(0).body());
        assertThat(link.find()).isTrue();

        assertThat(notifications.reportNotMe("forged-token", "198.51.100.7")).isEmpty();
        assertThat(notifications.reportNotMe("", "198.51.100.7")).isEmpty();
        clock.advance(SecurityNotifications.LINK_LIFETIME.plusSeconds(1));
        assertThat(notifications.reportNotMe(link.group(1), "198.51.100.7")).isEmpty();
    }

    @Test
    void anAccountWithoutChannelsGetsNothingAndNothingFails() {
        channels.channels.remove(account, dev.aikagi.core.delivery.Channel.SMS);
        channels.channels.remove(account, dev.aikagi.core.delivery.Channel.EMAIL);
        LoginFlow flow = passwordStep();
        assertThat(login.verifySecondFactor(flow.id(), FactorKind.BACKUP_CODE, codes.codes().get(3), FROM))
                .isInstanceOf(LoginResult.Authenticated.class);
        assertThat(channels.sent).isEmpty();
    }
}
