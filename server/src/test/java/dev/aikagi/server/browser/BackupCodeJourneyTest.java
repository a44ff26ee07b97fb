package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.server.browser.TestPeople.Person;
import dev.aikagi.server.web.PageMessages;
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
 * Issue 3 in a browser, at phone and PC width and in Japanese and English: turn on two-step
 * verification, keep the backup codes, log in with one typed in full-width digits, see how many are
 * left, have a reused code and a code of a replaced set refused, each with its own reason. Every code
 * field on the way is checked for the one-time-code autofill hint, the number keypad and a label.
 */
class BackupCodeJourneyTest extends BrowserTestSupport {

    static Stream<Arguments> screensAndLanguages() {
        return Stream.of(
                arguments(Screen.PHONE, Locale.JAPANESE),
                arguments(Screen.PC, Locale.ENGLISH),
                arguments(Screen.PHONE, Locale.ENGLISH),
                arguments(Screen.PC, Locale.JAPANESE));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("screensAndLanguages")
    void journeyWhenBackupCodesUsedReusedAndReplacedThenCountShownAndEachRefusalNamed(Screen screen, Locale language) {
        Person person = TestPeople.person().build();
        try (Browser browser = Browser.chromium().named("backup-code-journey").screen(screen).language(language)
                .open(server.url(""))) {
            // Sign up, then turn on the authenticator app with the key shown on the page.
            TwoFactorMethodsPage methods = SignUpPage.open(browser).signUp(person).choose(person);
            AccountId account = methods.accountId();
            assertThat(methods.twoStepOn()).isFalse();
            assertThat(methods.status()).isEqualTo(server.message("two_factor.status.off", language));
            TotpSetupPage setup = methods.enableTotp(person).assertCodeFieldForOneTimeCodes();
            assertThat(setup.qrShown()).as("QR code loaded").isTrue();
            assertThat(setup.shownSecret()).matches("[A-Z2-7]{4}( [A-Z2-7]{1,4})+");
            ShownBackupCodesPage firstSet = setup.confirm(setup.codeAt(Instant.now()));

            // The backup codes: ten different ones, none used, with ways to keep them.
            firstSet.assertWaysToKeepThem();
            List<String> codes = firstSet.codes();
            assertThat(codes).hasSize(10).doesNotHaveDuplicates();
            assertThat(firstSet.used()).containsOnly(false);
            methods = firstSet.confirmSaved();
            assertThat(methods.twoStepOn()).isTrue();
            assertThat(methods.status()).isEqualTo(server.message("two_factor.status.on", language));

            // Log in with the first code, typed as a Japanese keyboard in full-width mode types it.
            ChallengePage challenge = methods.logout().logIn(person).assertCodeFieldForOneTimeCodes()
                    .tryAnotherWay().chooseBackupCode().assertCodeFieldForOneTimeCodes();
            BackupCodesLeftPage left = challenge.submitBackupCode(fullWidth(codes.get(0), language));
            assertThat(left.remaining()).isEqualTo(9);
            assertThat(left.offersNewCodes()).as("a#get-new-codes with 9 left").isFalse();

            // The same code again is refused as used; another one gets in.
            challenge = left.logout().logIn(person).tryAnotherWay().chooseBackupCode()
                    .submitRefused(codes.get(0), "challenge-already-used");
            assertThat(challenge.requiredError()).contains(loginFailure(LoginFailure.CODE_ALREADY_USED, language));
            left = challenge.submitBackupCode(codes.get(1));
            assertThat(left.remaining()).isEqualTo(8);

            // The codes shown again (after the password): the same set, the two used ones marked.
            BackupCodesPage backupCodes = left.continueOn().choose(person).backupCodes();
            assertThat(backupCodes.remaining()).isEqualTo(8);
            ShownBackupCodesPage again = backupCodes.showCodes(person.password());
            assertThat(again.codes()).isEqualTo(codes);
            assertThat(again.used()).containsExactly(true, true, false, false, false, false, false, false, false, false);
            backupCodes = again.backToCodes();

            // New codes (after the password) replace the whole set.
            ShownBackupCodesPage newSet = backupCodes.newCodes(person.password());
            newSet.assertWaysToKeepThem();
            assertThat(newSet.codes()).hasSize(10).doesNotHaveDuplicates().doesNotContainAnyElementsOf(codes);

            // A code of the old set is refused as replaced, not merely as wrong.
            challenge = newSet.confirmSaved().logout().logIn(person).tryAnotherWay().chooseBackupCode()
                    .submitRefused(codes.get(2), "challenge-replaced-set");
            assertThat(challenge.requiredError()).contains(loginFailure(LoginFailure.CODE_FROM_REPLACED_SET, language));

            List<AuditEvent> events = server.auditEvents(account);
            assertThat(events).extracting(AuditEvent::type).containsSubsequence(
                    AuditType.ACCOUNT_CREATED, AuditType.TOTP_ENROLLED, AuditType.TWO_STEP_ENABLED,
                    AuditType.BACKUP_CODES_CREATED, AuditType.LOGOUT, AuditType.BACKUP_CODE_USED, AuditType.LOGOUT,
                    AuditType.LOGIN_SECOND_FACTOR_FAILED, AuditType.BACKUP_CODE_USED, AuditType.BACKUP_CODES_VIEWED,
                    AuditType.BACKUP_CODES_CREATED,
                    AuditType.LOGOUT, AuditType.LOGIN_SECOND_FACTOR_FAILED);
            assertThat(events).filteredOn(e -> e.type() == AuditType.LOGIN_SECOND_FACTOR_FAILED)
                    .extracting(e -> e.details().get("reason")).containsExactly("ALREADY_USED", "REPLACED_SET");
            assertThat(events).filteredOn(e -> e.type() == AuditType.BACKUP_CODE_USED)
                    .extracting(e -> e.details().get("remaining")).containsExactly("9", "8");
            assertThat(events).flatExtracting(e -> List.copyOf(e.details().values())).as("no code in the audit log")
                    .noneMatch(value -> codes.stream().anyMatch(code -> value.contains(code.replace(" ", ""))));

            assertThat(browser.pageProblems()).as("what the screenshots in %s show", browser.screenshots()).isEmpty();
        }
    }

    /** The bundle's text for a login refusal; the Japanese one must be a translation, not the English. */
    private static String loginFailure(LoginFailure failure, Locale language) {
        String key = PageMessages.loginFailure(failure);
        String text = server.message(key, language);
        if (!language.equals(Locale.ENGLISH)) {
            assertThat(text).as("%s translated to %s", key, language).isNotEqualTo(server.message(key, Locale.ENGLISH));
        }
        return text;
    }

    /**
     * Full-width digits, as a Japanese keyboard types them in its default mode; Japanese keyboards
     * also type the space full-width (U+3000).
     */
    static String fullWidth(String code, Locale language) {
        StringBuilder out = new StringBuilder();
        for (char c : code.toCharArray()) {
            if (c == ' ') {
                out.append(language.getLanguage().equals("ja") ? '\u3000' : ' ');
            } else {
                out.append((char) (c - '0' + '０'));
            }
        }
        return out.toString();
    }
}
