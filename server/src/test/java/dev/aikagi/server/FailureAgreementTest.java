package dev.aikagi.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.core.recovery.RecoveryFailure;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.server.account.AccountFailures;
import dev.aikagi.server.contact.ContactFailures;
import dev.aikagi.server.login.LoginFailures;
import dev.aikagi.server.recovery.RecoveryFailures;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.server.twostep.TwoStepFailures;
import dev.aikagi.server.web.MessageBundlesTest;
import dev.aikagi.server.web.Refusal;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.PageClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16 through real requests: for a failure of each journey, the page and the API answer with the same status
 * and the same text — the page's error and the API problem's {@code detail} — in English and in Japanese, and
 * that is the text and status of the journey's table. (Every failure of every table is checked by
 * {@link FailureTablesTest}; these are the ones a page and an API both reach with little setup.)
 */
class FailureAgreementTest {

    private static final String PASSWORD = PageJourneys.PASSWORD;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static ApiClient api;

    /** What a page or the API answered: the status, the problem code (API only) and the text. */
    record Answer(int status, String code, String text) {
    }

    /** One failure: its table entry, and how the page and the API each come to it, in a language. */
    record Case(String name, Refusal expected, Function<String, Answer> page, Function<String, Answer> api) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        server = PageJourneys.start(dataDir);
        api = new ApiClient(server.port());
        assertThat(post("/api/v1/accounts", Map.of("username", "fa-taken", "password", PASSWORD), null, "en").status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> failures() {
        List<Case> cases = List.of(
                new Case("account username_taken", AccountFailures.of(SignUp.Problem.USERNAME_TAKEN, Optional.empty()),
                        lang -> signUpPage(lang, "fa-taken", PASSWORD),
                        lang -> problem(post("/api/v1/accounts", Map.of("username", "fa-taken", "password", PASSWORD),
                                null, lang))),
                new Case("account password_too_short",
                        AccountFailures.of(SignUp.Problem.PASSWORD_TOO_SHORT, Optional.empty()),
                        lang -> signUpPage(lang, name("fa-short"), "abc"),
                        lang -> problem(post("/api/v1/accounts", Map.of("username", name("fa-short"), "password", "abc"),
                                null, lang))),
                new Case("account password_wrong (reauthenticate)",
                        AccountFailures.of(SettingsProblem.PASSWORD_WRONG, Optional.empty()),
                        lang -> {
                            PageClient browser = signedIn(lang);
                            return page(browser.post("/settings/reauth", "password", "not the password", "next",
                                    "/settings"));
                        },
                        lang -> problem(post("/api/v1/me/reauthenticate", Map.of("password", "not the password"),
                                apiAccount(), lang))),
                new Case("login invalid_credentials", LoginFailures.of(LoginFailure.INVALID_CREDENTIALS, null,
                        Optional.empty()),
                        lang -> {
                            PageClient browser = PageJourneys.browser(server).acceptLanguage(lang);
                            browser.get("/login");
                            return page(browser.post("/login", "username", name("fa-nobody"), "password", PASSWORD));
                        },
                        lang -> problem(post("/api/v1/login", Map.of("username", name("fa-nobody"), "password",
                                PASSWORD), null, lang))),
                new Case("login code_invalid", LoginFailures.of(LoginFailure.CODE_INVALID, FactorKind.TOTP,
                        Optional.empty()),
                        lang -> {
                            String username = withTotp();
                            PageClient browser = PageJourneys.browser(server).acceptLanguage(lang);
                            browser.get("/login");
                            browser.follow(browser.post("/login", "username", username, "password", PASSWORD));
                            return page(browser.post("/login/challenge", "code", "000000"));
                        },
                        lang -> {
                            String username = withTotp();
                            String flowId = post("/api/v1/login", Map.of("username", username, "password", PASSWORD),
                                    null, lang).text("flowId");
                            return problem(post("/api/v1/login/" + flowId + "/verify",
                                    Map.of("method", "totp", "code", "000000"), null, lang));
                        }),
                new Case("twostep code_invalid (authenticator)", TwoStepFailures.of(SettingsProblem.CODE_INVALID,
                        FactorKind.TOTP, Optional.empty()),
                        lang -> confirmTotpPage(lang, "000000"),
                        lang -> confirmTotpApi(lang, "000000")),
                new Case("twostep code_malformed (authenticator)", TwoStepFailures.of(SettingsProblem.CODE_MALFORMED,
                        FactorKind.TOTP, Optional.empty()),
                        lang -> confirmTotpPage(lang, "12"),
                        lang -> confirmTotpApi(lang, "12")),
                new Case("contact phone_invalid", ContactFailures.of(SettingsProblem.PHONE_INVALID, Optional.empty()),
                        lang -> {
                            PageClient browser = signedIn(lang);
                            String methods = PageJourneys.methodsPath(browser);
                            browser.get(methods + "/phone");
                            return page(browser.post(methods + "/phone", "phoneNumber", "not a number"));
                        },
                        lang -> problem(post("/api/v1/me/phone", Map.of("phoneNumber", "not a number"), apiAccount(),
                                lang))),
                new Case("recovery recovery_proof_invalid", RecoveryFailures.of(RecoveryFailure.PROOF_INVALID,
                        Optional.empty()),
                        lang -> {
                            PageClient browser = PageJourneys.browser(server).acceptLanguage(lang);
                            browser.get("/recovery");
                            browser.follow(browser.post("/recovery", "username", "fa-taken"));
                            return page(browser.post("/recovery/verify", "channel", "password", "password", "wrong"));
                        },
                        lang -> {
                            ApiClient.Reply started = post("/api/v1/recovery", Map.of("username", "fa-taken"), null, lang);
                            HttpRequest verify = HttpRequest.newBuilder(api.uri("/api/v1/recovery/"
                                            + started.text("recoveryId") + "/verify"))
                                    .header("Content-Type", "application/json").header("Accept-Language", lang)
                                    .header("Aikagi-Recovery-Token", started.text("recoveryToken"))
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"channel\":\"password\",\"password\":\"wrong\"}"))
                                    .build();
                            return problem(api.send(verify));
                        }));
        return cases.stream().flatMap(c -> Stream.of(Arguments.of(c, "en"), Arguments.of(c, "ja")));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("failures")
    void failureWhenPageAndApiRefuseThenSameStatusAndSameTranslatedText(Case failure, String lang) {
        Answer page = failure.page().apply(lang);
        Answer api = failure.api().apply(lang);

        String expected = text(MessageBundlesTest.bundle(lang.equals("ja") ? "messages_ja.properties"
                : "messages.properties"), failure.expected());
        assertThat(api.code()).isEqualTo(failure.expected().code());
        assertThat(api.status()).as("the API's status").isEqualTo(failure.expected().status().value());
        assertThat(page.status()).as("the page's status").isEqualTo(api.status());
        assertThat(api.text()).as("the API's detail").isEqualTo(expected);
        assertThat(page.text()).as("the page's text").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"ja, messages_ja.properties", "en, messages.properties",
            "'fr, ja;q=0.5', messages_ja.properties", "fr, messages.properties"})
    void apiWhenBadInputThenDetailInTheLanguageOfAcceptLanguage(String acceptLanguage, String bundleName) {
        Properties bundle = MessageBundlesTest.bundle(bundleName);
        ApiClient.Reply missing = post("/api/v1/login", Map.of("username", "fa-someone"), null, acceptLanguage);
        assertThat(problem(missing)).isEqualTo(new Answer(400, "missing_field",
                new java.text.MessageFormat(bundle.getProperty("api.error.missing_field")).format(new Object[] {"password"})));
        assertThat(missing.headers().firstValue("Content-Language")).hasValue(bundleName.contains("_ja") ? "ja" : "en");

        HttpRequest malformed = HttpRequest.newBuilder(api.uri("/api/v1/login"))
                .header("Content-Type", "application/json").header("Accept-Language", acceptLanguage)
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build();
        assertThat(problem(api.send(malformed))).isEqualTo(new Answer(400, "malformed_request",
                bundle.getProperty("api.error.malformed_request")));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"ja, messages_ja.properties", "en, messages.properties"})
    void apiWhenNoSessionThenUnauthenticatedInTheLanguageOfAcceptLanguage(String acceptLanguage, String bundleName) {
        Properties bundle = MessageBundlesTest.bundle(bundleName);
        ApiClient.Reply refused = post("/api/v1/me/password", Map.of("newPassword", "x"), "not-a-session", acceptLanguage);
        assertThat(problem(refused)).isEqualTo(new Answer(401, "unauthenticated",
                bundle.getProperty("api.error.unauthenticated")));
        assertThat(refused.headers().firstValue("Content-Language")).hasValue(acceptLanguage);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"ja, messages_ja.properties", "en, messages.properties"})
    void apiWhenRefusedBeforeAnyControllerThenDetailInTheLanguageOfAcceptLanguage(String acceptLanguage,
                                                                                 String bundleName) {
        Properties bundle = MessageBundlesTest.bundle(bundleName);
        HttpRequest wildcard = HttpRequest.newBuilder(api.uri("/api/v1/login"))
                .header("Content-Type", "*/*").header("Accept-Language", acceptLanguage)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        ApiClient.Reply unsupported = api.send(wildcard);
        assertThat(problem(unsupported)).isEqualTo(new Answer(415, "unsupported_media_type",
                bundle.getProperty("api.error.unsupported_media_type")));
        assertThat(unsupported.headers().firstValue("Content-Language")).hasValue(acceptLanguage);

        HttpRequest noBoundary = HttpRequest.newBuilder(api.uri("/api/v1/login"))
                .header("Content-Type", "multipart/form-data").header("Accept-Language", acceptLanguage)
                .POST(HttpRequest.BodyPublishers.ofString("x")).build();
        assertThat(problem(api.send(noBoundary))).isEqualTo(new Answer(400, "malformed_request",
                bundle.getProperty("api.error.multipart_no_boundary")));
    }

    private static String text(Properties bundle, Refusal refusal) {
        return FailureTablesTest.text(bundle, refusal);
    }

    private static String name(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    private static Answer page(PageClient.Page page) {
        return new Answer(page.status(), null, page.text("form-error"));
    }

    private static Answer problem(ApiClient.Reply reply) {
        assertThat(reply.contentType()).as(reply.body()).startsWith("application/problem+json");
        return new Answer(reply.status(), reply.text("code"), reply.text("detail"));
    }

    private static ApiClient.Reply post(String path, Object body, String token, String lang) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path))
                .header("Content-Type", "application/json").header("Accept-Language", lang)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return api.send(request.build());
    }

    private static Answer signUpPage(String lang, String username, String password) {
        PageClient browser = PageJourneys.browser(server).acceptLanguage(lang);
        browser.get("/signup");
        return page(browser.post("/signup", "username", username, "password", password));
    }

    /** A browser signed in to a new account, in {@code lang}. */
    private static PageClient signedIn(String lang) {
        PageClient browser = PageJourneys.browser(server).acceptLanguage(lang);
        PageJourneys.signUp(browser, name("fa-page"));
        return browser;
    }

    /** A session token of a new account. */
    private static String apiAccount() {
        String username = name("fa-api");
        assertThat(post("/api/v1/accounts", Map.of("username", username, "password", PASSWORD), null, "en").status())
                .isEqualTo(201);
        return post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null, "en").text("sessionToken");
    }

    /** A new account with the authenticator app on (through the API); its username. */
    private static String withTotp() {
        String username = name("fa-totp");
        assertThat(post("/api/v1/accounts", Map.of("username", username, "password", PASSWORD), null, "en").status())
                .isEqualTo(201);
        String token = post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null, "en")
                .text("sessionToken");
        byte[] key = Base32.decode(post("/api/v1/me/totp", Map.of(), token, "en").text("secret")).orElseThrow();
        assertThat(post("/api/v1/me/totp/confirm", Map.of("code", Totp.codeAt(key, Instant.now(), TotpParameters.DEFAULT)),
                token, "en").status()).isEqualTo(200);
        return username;
    }

    private static Answer confirmTotpPage(String lang, String code) {
        PageClient browser = signedIn(lang);
        String methods = PageJourneys.methodsPath(browser);
        browser.get(methods);
        assertThat(browser.post(methods + "/totp").status()).isEqualTo(200);
        return page(browser.post(methods + "/totp/confirm", "code", code));
    }

    private static Answer confirmTotpApi(String lang, String code) {
        String token = apiAccount();
        assertThat(post("/api/v1/me/totp", Map.of(), token, lang).status()).isEqualTo(200);
        return problem(post("/api/v1/me/totp/confirm", Map.of("code", code), token, lang));
    }
}
