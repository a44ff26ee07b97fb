package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.testkit.Browser;
import dev.aikagi.testkit.Screen;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Issue 17 in Chromium with its virtual authenticator (CTAP2, internal, resident keys, user verification), at phone
 * and PC width in Japanese and English: add a passkey on the two-step page (the first method: two-step verification
 * on and the backup codes shown), log in with it as the second step chosen under "Try another way", log in with the
 * passkey alone, add a second one on another authenticator and remove the first with the password. Chromium allows
 * WebAuthn on http://localhost (a secure context), not on 127.0.0.1: the browser uses localhost here.
 */
class PasskeyJourneyTest extends BrowserTestSupport {

    private static final By PASSKEYS_LINK = By.id("passkeys-link");
    private static final By NAME = By.id("passkey-name");
    private static final By ADD = By.id("passkey-add");
    private static final By START = By.id("passkey-start");
    private static final By LIST_ITEMS = By.cssSelector("#passkey-list li.passkey");

    static Stream<Arguments> screensAndLanguages() {
        return Stream.of(arguments(Screen.PHONE, Locale.JAPANESE), arguments(Screen.PC, Locale.ENGLISH));
    }

    private static VirtualAuthenticator authenticator(Browser browser) {
        return ((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));
    }

    /** The passkeys page: its list and the "add" form. */
    private static final class PasskeysPage extends AikagiPage {
        PasskeysPage(Browser browser, String step) {
            super(browser, By.id("passkey-list-heading"), step);
            assertThat(browser.path()).contains("/passkeys");
        }

        List<String> names() {
            return browser.findAll(By.cssSelector("#passkey-list .passkey-name")).stream().map(e -> e.getText()).toList();
        }

        /** Names a new passkey and runs the browser's dialog (the virtual authenticator answers). */
        void add(String name, String step) {
            browser.type(NAME, name);
            browser.clickAndWait(browser.find(ADD));
            new PasskeysPage(browser, step);
            browser.until(d -> browser.find(START).isDisplayed());
            browser.clickAndWait(browser.find(START));
        }

        PasskeysPage remove(int index, String password) {
            browser.type(By.id("remove-passkey-password-" + index), password);
            browser.clickAndWait(browser.find(By.id("remove-passkey-" + index)));
            return new PasskeysPage(browser, "passkey-removed");
        }
    }

    /** {@code /login/passkey}: the ceremony's page. */
    private static final class PasskeyLoginPage extends AikagiPage {
        PasskeyLoginPage(Browser browser, String step) {
            super(browser, By.id("passkey-form"), step);
            assertThat(browser.path()).startsWith("/login/passkey");
        }

        SettingsPage use() {
            browser.until(d -> browser.find(START).isDisplayed());
            browser.clickAndWait(browser.find(START));
            return new SettingsPage(browser, "logged-in-with-passkey");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("screensAndLanguages")
    void journeyWhenPasskeyAddedUsedAndRemovedThenEachStepWorksAndIsAudited(Screen screen, Locale language) {
        Person person = TestPeople.person().build();
        String base = server.url("").replace("127.0.0.1", "localhost");
        try (Browser browser = Browser.chromium().named("passkey-journey").screen(screen).language(language)
                .open(base)) {
            VirtualAuthenticator first = authenticator(browser);
            TwoFactorMethodsPage methods = SignUpPage.open(browser).signUp(person).choose(person);
            AccountId account = methods.accountId();
            assertThat(methods.twoStepOn()).isFalse();

            // Add the first passkey: two-step verification turns on and the first backup codes are shown.
            browser.clickAndWait(browser.find(PASSKEYS_LINK));
            PasskeysPage passkeys = new PasskeysPage(browser, "passkeys");
            assertThat(passkeys.names()).isEmpty();
            passkeys.add("laptop", "passkey-create");
            ShownBackupCodesPage codes = new ShownBackupCodesPage(browser, "passkey-first-backup-codes");
            assertThat(codes.codes()).hasSize(10);
            methods = codes.confirmSaved();
            assertThat(methods.twoStepOn()).isTrue();
            assertThat(first.getCredentials()).hasSize(1);
            assertThat(first.getCredentials().getFirst().isResidentCredential()).isTrue();

            // The second step: "Try another way" offers "Use a passkey".
            methods.logout();
            LoginPage.open(browser);
            browser.type(LoginPage.USERNAME, person.username());
            browser.type(LoginPage.PASSWORD, person.password());
            browser.clickAndWait(browser.find(LoginPage.SUBMIT));
            PasskeyLoginPage step = new PasskeyLoginPage(browser, "login-passkey-second-step");
            browser.clickAndWait(browser.find(By.id("try-another-way")));
            LoginMethodsPage others = new LoginMethodsPage(browser, "login-methods-with-passkey");
            assertThat(browser.has(By.id("method-passkey"))).isTrue();
            browser.clickAndWait(browser.find(By.id("method-passkey")));
            step = new PasskeyLoginPage(browser, "login-passkey-chosen");
            SettingsPage settings = step.use();
            assertThat(others).isNotNull();

            // A login with the passkey alone.
            LoginPage login = settings.logout();
            browser.clickAndWait(browser.find(By.id("passkey-login")));
            settings = new PasskeyLoginPage(browser, "login-passkey-alone").use();
            assertThat(settings.signedIn()).isTrue();

            // A second passkey on another authenticator, then the first removed with the password.
            ((HasVirtualAuthenticator) browser.driver()).removeVirtualAuthenticator(first);
            authenticator(browser);
            browser.open(AccountChoicePage.PATH + "/" + account + "/passkeys");
            passkeys = new PasskeysPage(browser, "passkeys-one");
            passkeys.add("phone", "passkey-create-second");
            passkeys = new PasskeysPage(browser, "passkey-added");
            assertThat(passkeys.names()).containsExactly("laptop", "phone");
            assertThat(browser.findAll(LIST_ITEMS).getFirst().getText())
                    .doesNotContain(server.message("passkey.never_used", language));
            passkeys = passkeys.remove(0, person.password());
            assertThat(passkeys.names()).containsExactly("phone");
            assertThat(login).isNotNull();

            assertThat(server.auditEvents(account)).extracting(AuditEvent::type).contains(AuditType.PASSKEY_ADDED,
                    AuditType.TWO_STEP_ENABLED, AuditType.LOGIN_SUCCEEDED, AuditType.PASSKEY_REMOVED);
            assertThat(server.auditEvents(account).stream().filter(e -> e.type() == AuditType.LOGIN_SUCCEEDED)
                    .map(e -> e.details().get("amr")).toList()).contains("pwd hwk user", "hwk user mfa");
            assertThat(browser.pageProblems()).isEmpty();
        }
    }

    /** A session that proved only the password steps up with the passkey on /settings/step-up/passkey. */
    @Test
    void stepUpWhenSessionProvedOnlyThePasswordThenThePasskeyRaisesIt() {
        Person person = TestPeople.person().build();
        String base = server.url("").replace("127.0.0.1", "localhost");
        try (Browser browser = Browser.chromium().named("passkey-step-up").screen(Screen.PC).language(Locale.ENGLISH)
                .open(base)) {
            authenticator(browser);
            TwoFactorMethodsPage methods = SignUpPage.open(browser).signUp(person).choose(person);
            AccountId account = methods.accountId();
            browser.clickAndWait(browser.find(PASSKEYS_LINK));
            new PasskeysPage(browser, "step-up-passkeys").add("laptop", "step-up-passkey-create");
            new ShownBackupCodesPage(browser, "step-up-backup-codes").confirmSaved();

            browser.driver().manage().deleteCookieNamed("aikagi_session");
            browser.driver().manage().addCookie(new Cookie("aikagi_session", server.passwordOnlySession(account), "/"));
            browser.open("/settings/step-up?next=/settings");
            new StepUpPage(browser, "step-up-with-passkey");
            browser.clickAndWait(browser.find(By.id("step-up-use-passkey")));
            new StepUpPasskeyPage(browser, "step-up-passkey");
            browser.until(d -> browser.find(START).isDisplayed());
            browser.clickAndWait(browser.find(START));
            assertThat(new SettingsPage(browser, "stepped-up-with-passkey").signedIn()).isTrue();

            assertThat(server.auditEvents(account)).extracting(AuditEvent::type).contains(AuditType.STEPPED_UP);
            assertThat(browser.pageProblems()).isEmpty();
        }
    }

    /** {@code /settings/step-up}: the methods of the account. */
    private static final class StepUpPage extends AikagiPage {
        StepUpPage(Browser browser, String step) {
            super(browser, By.id("step-up-intro"), step);
            assertThat(browser.path()).startsWith("/settings/step-up");
        }
    }

    /** {@code /settings/step-up/passkey}: the ceremony's page. */
    private static final class StepUpPasskeyPage extends AikagiPage {
        StepUpPasskeyPage(Browser browser, String step) {
            super(browser, By.id("passkey-form"), step);
            assertThat(browser.path()).startsWith("/settings/step-up/passkey");
        }
    }
}
