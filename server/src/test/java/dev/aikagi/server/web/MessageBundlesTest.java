package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.server.support.SupportRequestPageController;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text of the pages exists in English and in Japanese: the two bundles have the same keys, and
 * every key a template or the page code names is in both.
 */
public class MessageBundlesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    /** {@code #{key}} and {@code #{key(args)}}, the message expressions of Thymeleaf. */
    private static final Pattern MESSAGE = Pattern.compile("#\\{([A-Za-z0-9_.-]+)");
    /** The bundles of {@code spring.messages.basename} in application.yml. */
    private static final List<String> BASENAMES = List.of("messages", "support");
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[^}]*}");

    public static Properties bundle(String name) {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static Set<String> keys(Properties bundle) {
        return new TreeSet<>(bundle.stringPropertyNames());
    }

    static Set<String> templateKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = MESSAGE.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    /** Keys the controllers build from outcomes rather than name in a template. */
    static Set<String> codeKeys() {
        Set<String> keys = new TreeSet<>();
        for (FactorKind method : FactorKind.values()) {
            for (LoginFailure failure : LoginFailure.values()) {
                keys.add(PageMessages.loginFailure(failure, method));
            }
            for (SettingsProblem problem : SettingsProblem.values()) {
                keys.add(PageMessages.settingsProblem(problem, method));
            }
        }
        for (LoginFailure failure : LoginFailure.values()) {
            keys.add(PageMessages.loginFailure(failure));
        }
        for (SettingsProblem problem : SettingsProblem.values()) {
            keys.add(PageMessages.settingsProblem(problem));
        }
        for (SignUp.Problem problem : SignUp.Problem.values()) {
            keys.add(PageMessages.signUpProblem(problem));
        }
        for (AuditType type : AuditType.values()) {
            keys.add(PageMessages.auditType(type));
        }
        for (dev.aikagi.core.support.SupportFailure failure : dev.aikagi.core.support.SupportFailure.values()) {
            keys.add(SupportRequestPageController.failureKey(failure));
        }
        keys.addAll(List.of("support.age.hours", "support.age.days"));
        keys.addAll(List.of("error.too_many_attempts.later", "error.page_expired", "error.unknown_method", "login.notice.logged_out",
                "backup_codes.error.not_saved", "backup_codes.file.title", "backup_codes.file.account",
                "backup_codes.file.created", "backup_codes.file.once", "backup_codes.storage_advice", "backup_codes.used",
                "two_factor.notice.turned_off", "two_factor.notice.codes_saved", "two_factor.notice.totp_replaced",
                "two_factor.notice.reauthenticated"));
        return keys;
    }

    /**
     * What the pages read: every bundle of {@code spring.messages.basename} ({@code messages,support}) in
     * one language ({@code ""} or {@code "_ja"}). A key may be in only one of them.
     */
    static Properties pageBundle(String suffix) {
        Properties merged = new Properties();
        for (String base : BASENAMES) {
            Properties one = bundle(base + suffix + ".properties");
            for (String key : one.stringPropertyNames()) {
                assertThat(merged).as(key + " is in more than one bundle").doesNotContainKey(key);
                merged.setProperty(key, one.getProperty(key));
            }
        }
        return merged;
    }

    @Test
    void bundlesWhenComparedThenSameKeysInEnglishAndJapanese() {
        Set<String> english = keys(pageBundle(""));
        Set<String> japanese = keys(pageBundle("_ja"));

        assertThat(japanese).as("keys missing in Japanese").containsAll(english);
        assertThat(english).as("keys missing in English").containsAll(japanese);
    }

    @Test
    void templatesWhenScannedThenEveryMessageKeyInBothLanguages() throws IOException {
        Set<String> used = templateKeys();
        assertThat(used).hasSizeGreaterThan(100);

        assertThat(keys(pageBundle(""))).as("English").containsAll(used);
        assertThat(keys(pageBundle("_ja"))).as("Japanese").containsAll(used);
    }

    @Test
    void pageCodeWhenOutcomeNamesKeyThenKeyInBothLanguages() {
        assertThat(keys(pageBundle(""))).as("English").containsAll(codeKeys());
        assertThat(keys(pageBundle("_ja"))).as("Japanese").containsAll(codeKeys());
    }

    @Test
    void messagesWhenTranslatedThenSameArgumentsAndNoneEmpty() {
        Properties english = pageBundle("");
        Properties japanese = pageBundle("_ja");
        List<String> problems = new ArrayList<>();
        for (String key : keys(english)) {
            String en = english.getProperty(key);
            String ja = japanese.getProperty(key, "");
            if (en.isBlank() || ja.isBlank()) {
                problems.add(key + " is empty");
            }
            if (!arguments(en).equals(arguments(ja))) {
                problems.add(key + " has arguments " + arguments(en) + " in English but " + arguments(ja) + " in Japanese");
            }
            for (String text : List.of(en, ja)) {
                // With arguments a message goes through MessageFormat, where a lone apostrophe starts
                // a quote and swallows the rest; without, it is printed as written.
                boolean formatted = !arguments(text).isEmpty();
                if (formatted && text.replace("''", "").contains("'")) {
                    problems.add(key + " has a single apostrophe but is formatted: write ''");
                }
                if (!formatted && text.contains("''")) {
                    problems.add(key + " has '' but is not formatted: write '");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void japaneseWhenReadThenPoliteAndNotEnglish() {
        Properties japanese = bundle("messages_ja.properties");
        for (String key : List.of("error.code_invalid", "error.code_already_used", "error.code_from_replaced_set",
                "error.too_many_attempts", "error.flow_expired", "backup_codes.storage_advice")) {
            assertThat(japanese.getProperty(key)).as(key).containsPattern("(です|ます|ください)。");
        }
        assertThat(japanese.getProperty("error.code_invalid")).isEqualTo("コードが正しくありません。入力ミスがないか確認してください。");
        assertThat(japanese.getProperty("error.code_already_used")).isEqualTo("このバックアップコードは使用済みです。各コードは1回だけ使えます。");
    }

    private static Set<String> arguments(String message) {
        Set<String> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(message);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
