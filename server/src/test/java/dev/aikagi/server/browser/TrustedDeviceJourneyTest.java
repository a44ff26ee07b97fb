package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.testkit.Authenticator;
import dev.aikagi.testkit.Browser;
import dev.aikagi.testkit.Screen;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17 in a browser, at phone width in Japanese and PC width in English: tick "Don't ask again on this
 * browser" with the app's code, log out, log in again with the password only (no second step), then remove the
 * browser from the security page, after which the second step is asked again.
 */
class TrustedDeviceJourneyTest extends BrowserTestSupport {

    static Stream<Arguments> screensAndLanguages() {
        return Stream.of(arguments(Screen.PHONE, Locale.JAPANESE), arguments(Screen.PC, Locale.ENGLISH));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("screensAndLanguages")
    void journeyWhenBrowserRememberedThenNoSecondStepUntilRemoved(Screen screen, Locale language) {
        Person person = TestPeople.person().build();
        try (Browser browser = Browser.chromium().named("trusted-device-journey").screen(screen).language(language)
                .open(server.url(""))) {
            TwoFactorMethodsPage methods = SignUpPage.open(browser).signUp(person).choose(person);
            AccountId account = methods.accountId();
            TotpSetupPage setup = methods.enableTotp(person);
            String secret = setup.shownSecret();
            methods = setup.confirm(setup.codeAt(Instant.now())).confirmSaved();

            // The second step with the app's code, ticking "Don't ask again on this browser for 30 days".
            ChallengePage challenge = methods.logout().logIn(person);
            assertThat(challenge.offersToRemember()).isTrue();
            assertThat(challenge.rememberThisBrowser()).isEqualTo(server.message("trusted.remember_check", language, 30));
            SettingsPage in = challenge.submitTotpCode(Authenticator.codeAt(secret, Instant.now().plusSeconds(30)));

            // Logged out and in again: the password only, straight to the settings.
            SettingsPage trusted = in.logout().logInOnTrustedBrowser(person);
            assertThat(trusted.signedIn()).isTrue();

            // The security page lists this browser; removing it ends the trust.
            SecurityPage security = SecurityPage.open(browser);
            assertThat(security.trustedDevices()).hasSize(1);
            assertThat(security.trustedDevices().getFirst()).contains(server.message("security.session.current", language));
            security = security.removeFirst();
            assertThat(security.noTrustedDevices()).isTrue();
            ChallengePage asked = security.logout().logIn(person);
            assertThat(asked.offersToRemember()).isTrue();

            List<AuditEvent> events = server.auditEvents(account);
            assertThat(events).extracting(AuditEvent::type).containsSubsequence(AuditType.TRUSTED_DEVICE_ADDED,
                    AuditType.LOGIN_TRUSTED_DEVICE, AuditType.TRUSTED_DEVICE_REMOVED);
            assertThat(events).filteredOn(e -> e.type() == AuditType.LOGIN_SUCCEEDED)
                    .extracting(e -> e.details().get("amr")).contains("pwd swk");
            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }
}
