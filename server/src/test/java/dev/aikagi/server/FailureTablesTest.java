package dev.aikagi.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.core.recovery.RecoveryFailure;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.core.support.SupportFailure;
import dev.aikagi.server.account.AccountFailures;
import dev.aikagi.server.contact.ContactFailures;
import dev.aikagi.server.login.LoginFailures;
import dev.aikagi.server.recovery.RecoveryFailures;
import dev.aikagi.server.support.SupportFailures;
import dev.aikagi.server.twostep.TwoStepFailures;
import dev.aikagi.server.web.ApiRequests;
import dev.aikagi.server.web.MessageBundlesTest;
import dev.aikagi.server.web.Refusal;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;

/**
 * Issue 16: every failure of every journey has one entry in its journey's table — a status, its unchanged problem
 * {@code code} and a text in both languages — and the statuses keep the rule of {@link Refusal}: {@code 401} only
 * at login, a wrong code or password inside a session {@code 422}. A new constant of a core failure type without
 * an entry does not compile (the tables are exhaustive {@code switch}es); one whose text is missing fails here.
 */
class FailureTablesTest {

    private static final Optional<Instant> RETRY = Optional.of(Instant.parse("2026-12-07T05:00:00Z"));
    private static final Properties EN = MessageBundlesTest.bundle("messages.properties");
    private static final Properties JA = MessageBundlesTest.bundle("messages_ja.properties");
    /** The support pages' texts have bundles of their own. */
    private static final Properties SUPPORT_EN = MessageBundlesTest.bundle("support.properties");
    private static final Properties SUPPORT_JA = MessageBundlesTest.bundle("support_ja.properties");

    /** The SettingsProblems that are a wrong secret inside a valid session. */
    private static final Set<SettingsProblem> WRONG_SECRET = EnumSet.of(SettingsProblem.PASSWORD_WRONG,
            SettingsProblem.CODE_INVALID, SettingsProblem.CODE_ALREADY_USED, SettingsProblem.CODE_FROM_REPLACED_SET,
            SettingsProblem.CODE_EXPIRED, SettingsProblem.CODE_SUPERSEDED);

    static Stream<Arguments> everyFailure() {
        List<Arguments> all = new ArrayList<>();
        for (LoginFailure f : LoginFailure.values()) {
            for (FactorKind method : new FactorKind[] {null, FactorKind.TOTP, FactorKind.SMS, FactorKind.BACKUP_CODE}) {
                all.add(Arguments.of("login", f.name() + " " + method, f.code(), LoginFailures.of(f, method, RETRY)));
            }
            all.add(Arguments.of("login", f.name() + " without retryAt", f.code(), LoginFailures.of(f, null, Optional.empty())));
        }
        for (SettingsProblem p : SettingsProblem.values()) {
            for (FactorKind method : new FactorKind[] {null, FactorKind.TOTP, FactorKind.SMS, FactorKind.BACKUP_CODE}) {
                all.add(Arguments.of("twostep", p.name() + " " + method, p.code(), TwoStepFailures.of(p, method, RETRY)));
            }
            all.add(Arguments.of("twostep", p.name(), p.code(), TwoStepFailures.of(p, null, Optional.empty())));
            all.add(Arguments.of("contact", p.name(), p.code(), ContactFailures.of(p, RETRY)));
            all.add(Arguments.of("contact", p.name(), p.code(), ContactFailures.of(p, Optional.empty())));
            all.add(Arguments.of("account", p.name(), p.code(), AccountFailures.of(p, RETRY)));
            all.add(Arguments.of("account", p.name(), p.code(), AccountFailures.of(p, Optional.empty())));
        }
        for (SignUp.Problem p : SignUp.Problem.values()) {
            String code = p.name().toLowerCase(Locale.ROOT);
            all.add(Arguments.of("account", "sign-up " + p.name(), code, AccountFailures.of(p, RETRY)));
            all.add(Arguments.of("account", "sign-up " + p.name(), code, AccountFailures.of(p, Optional.empty())));
        }
        for (RecoveryFailure f : RecoveryFailure.values()) {
            all.add(Arguments.of("recovery", f.name(), f.code(), RecoveryFailures.of(f, RETRY)));
            all.add(Arguments.of("recovery", f.name(), f.code(), RecoveryFailures.of(f, Optional.empty())));
        }
        for (SupportFailure f : SupportFailure.values()) {
            all.add(Arguments.of("support", f.name(), f.code(), SupportFailures.of(f, 10, 5)));
        }
        all.add(Arguments.of("web", "unknown method", "unknown_method", ApiRequests.UNKNOWN_METHOD));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyFailure")
    void tableWhenAnyFailureThenUnchangedCodeAnErrorStatusAndATextInBothLanguages(String journey, String failure,
                                                                                 String code, Refusal refusal) {
        assertThat(refusal.code()).as("the code is the contract").isEqualTo(code);
        assertThat(refusal.status().isError()).isTrue();
        for (Properties bundle : journey.equals("support") ? List.of(SUPPORT_EN, SUPPORT_JA) : List.of(EN, JA)) {
            String text = text(bundle, refusal);
            assertThat(text).as(journey + " " + failure + " " + refusal.key()).isNotBlank().doesNotContain("{");
        }
        if (!journey.equals("login")) {
            assertThat(refusal.status()).as("401 means only: no valid session, or not yet signed in")
                    .isNotEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void tableWhenWrongSecretInsideASessionThen422AndNeverUnauthorized() {
        for (SettingsProblem problem : WRONG_SECRET) {
            assertThat(TwoStepFailures.of(problem, FactorKind.TOTP, Optional.empty()).status()).as(problem.name())
                    .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
            assertThat(ContactFailures.of(problem, Optional.empty()).status()).as(problem.name())
                    .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
            assertThat(AccountFailures.of(problem, Optional.empty()).status()).as(problem.name())
                    .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        }
        for (RecoveryFailure failure : List.of(RecoveryFailure.PROOF_INVALID, RecoveryFailure.CODE_EXPIRED,
                RecoveryFailure.CODE_SUPERSEDED)) {
            assertThat(RecoveryFailures.of(failure, Optional.empty()).status()).as(failure.name())
                    .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        }
        assertThat(TwoStepFailures.of(SettingsProblem.REAUTHENTICATION_REQUIRED, null, Optional.empty()).status())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(TwoStepFailures.of(SettingsProblem.SECOND_FACTOR_REQUIRED, null, Optional.empty()).status())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void tableWhenLoginNotYetAuthenticatedThenUnauthorized() {
        for (LoginFailure failure : List.of(LoginFailure.INVALID_CREDENTIALS, LoginFailure.CODE_INVALID,
                LoginFailure.CODE_ALREADY_USED, LoginFailure.CODE_FROM_REPLACED_SET, LoginFailure.NO_CODES_LEFT,
                LoginFailure.CODE_EXPIRED, LoginFailure.CODE_SUPERSEDED)) {
            assertThat(LoginFailures.of(failure, null, Optional.empty()).status()).as(failure.name())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void tableWhenMethodNamedThenMalformedCodeTextNamesItsDigits() {
        Refusal totp = TwoStepFailures.of(SettingsProblem.CODE_MALFORMED, FactorKind.TOTP, Optional.empty());
        assertThat(text(EN, totp)).isEqualTo("Enter the 6-digit code from your authenticator app.");
        assertThat(text(EN, LoginFailures.of(LoginFailure.CODE_MALFORMED, FactorKind.BACKUP_CODE, Optional.empty())))
                .isEqualTo("Enter an 8-digit backup code, like 1234 5678.");
        assertThat(text(EN, LoginFailures.of(LoginFailure.TOO_MANY_ATTEMPTS, null, Optional.empty())))
                .isEqualTo("Too many attempts. Try again later.");
    }

    /**
     * The text as {@code PageErrors} makes it, with a time where the text names one: like Spring's message source,
     * a text without arguments is taken as it is, one with arguments through {@link MessageFormat}.
     */
    static String text(Properties bundle, Refusal refusal) {
        if (refusal.retryInText()) {
            return refusal.retryAt().isPresent()
                    ? format(bundle.getProperty(refusal.key(), ""), "14:00")
                    : format(bundle.getProperty(refusal.key() + ".later", ""));
        }
        return format(bundle.getProperty(refusal.key(), ""), refusal.arguments().toArray());
    }

    private static String format(String pattern, Object... arguments) {
        return arguments.length == 0 ? pattern : new MessageFormat(pattern).format(arguments);
    }
}
