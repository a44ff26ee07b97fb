package dev.aikagi.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.recovery.RecoveryFailure;
import dev.aikagi.jdbc.JdbcOutbox;
import dev.aikagi.server.RunningServer;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.server.web.MessageBundlesTest;
import dev.aikagi.testkit.PageClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Account recovery on the pages (journey 7), through HTTP: the entry links, and the same pages with the
 * same statuses for a known and an unknown username through the start, the sends and the proofs. The
 * whole journey runs in Chromium in {@code RecoveryJourneyTest}.
 */
class RecoveryPagesTest {

    private static final Pattern WEB_OTP = Pattern.compile("@[^ ]+ #([0-9]{6})$");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path immediateDir;
    static RunningServer server;
    /** An operator who set no waiting period. */
    static RunningServer immediate;

    @BeforeAll
    static void start() {
        server = PageJourneys.start(dataDir);
        immediate = RunningServer.start(immediateDir, "--server.forward-headers-strategy=native",
                "--aikagi.recovery.waiting-period=0s");
    }

    @AfterAll
    static void stop() {
        server.close();
        immediate.close();
    }

    @Test
    void recoveryWhenSmsCodeAndPasswordThenCodesNewPasswordAndTheRecoverySessionEnds() {
        String e164 = "+819012345621";
        PageClient owner = new PageClient(immediate.port(), "203.0.113.21");
        PageJourneys.signUp(owner, "recover-pages");
        String methods = PageJourneys.methodsPath(owner);
        owner.get(methods + "/phone");
        assertThat(owner.post(methods + "/phone", "phoneNumber", e164).status()).isEqualTo(200);
        PageClient.Page first = owner.post(methods + "/phone/confirm", "code", awaitCode(e164, List.of()));
        assertThat(first.status()).isEqualTo(200);
        owner.post(methods + "/backup-codes/saved", "saved", "yes");
        owner.post("/logout");

        PageClient browser = new PageClient(immediate.port(), "203.0.113.22").acceptLanguage("ja");
        browser.get("/recovery");
        browser.follow(browser.post("/recovery", "username", "recover-pages"));
        List<String> before = texts(e164);
        browser.follow(browser.post("/recovery/send", "channel", "sms", "sent", ""));
        PageClient.Page accepted = browser.post("/recovery/verify", "channel", "sms", "code", awaitCode(e164, before),
                "sent", "sms");
        assertThat(accepted.location()).isEqualTo("/recovery/proofs?accepted=sms");
        assertThat(browser.follow(accepted).text("notice")).isEqualTo("確認できました。もう1つ確認してください。");
        PageClient.Page proven = browser.post("/recovery/verify", "channel", "password", "password",
                PageJourneys.PASSWORD);
        assertThat(proven.location()).isEqualTo("/recovery/waiting");
        PageClient.Page ready = browser.get("/recovery/waiting");
        assertThat(ready.has("recovery-continue")).isTrue();

        PageClient.Page completed = browser.post("/recovery/complete");
        assertThat(completed.status()).isEqualTo(200);
        List<String> codes = PageJourneys.codes(completed);
        assertThat(codes).hasSize(10);
        assertThat(PageClient.all(completed, "Set-Cookie")).anyMatch(c -> c.startsWith("aikagi_recovery_session=")
                && c.contains("HttpOnly") && c.contains("SameSite=Lax"));
        assertThat(browser.cookie("aikagi_session")).isEmpty();
        // The recovery's session is no sign-in: the settings still ask to log in.
        assertThat(browser.get("/settings").location()).isEqualTo("/login");
        // Shown again for a reload or another language, while the operator lets codes be shown again.
        PageClient.Page english = browser.acceptLanguage("en").get("/recovery/codes");
        assertThat(PageJourneys.codes(english)).isEqualTo(codes);
        assertThat(browser.post("/recovery/complete").location()).isEqualTo("/recovery/codes");

        assertThat(browser.post("/recovery/codes").status()).isEqualTo(422);
        assertThat(browser.post("/recovery/codes", "saved", "yes").location()).isEqualTo("/recovery/password");
        browser.get("/recovery/password");
        PageClient.Page weak = browser.post("/recovery/password", "password", "abc");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.text("form-error")).isEqualTo("Your password needs at least 8 characters.");
        PageClient.Page set = browser.post("/recovery/password", "password", "あたらしい合鍵のパスワード");
        assertThat(set.location()).isEqualTo("/recovery/done");
        assertThat(browser.cookie("aikagi_recovery_session")).isEmpty();
        assertThat(browser.get("/recovery/password").location()).isEqualTo("/recovery?expired");

        PageClient login = new PageClient(immediate.port(), "203.0.113.23");
        login.get("/login");
        assertThat(login.post("/login", "username", "recover-pages", "password", PageJourneys.PASSWORD).status())
                .isGreaterThanOrEqualTo(400);
        assertThat(login.post("/login", "username", "recover-pages", "password", "あたらしい合鍵のパスワード")
                .location()).startsWith("/login/challenge");
    }

    private static List<String> texts(String e164) {
        return immediate.bean(JdbcOutbox.class).latest(200).stream().filter(m -> m.to().equals(e164))
                .map(Message::body).toList();
    }

    /** The code of the newest text to {@code e164} that was not there before (recovery sends off the request's thread). */
    private static String awaitCode(String e164, List<String> seenBefore) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> texts(e164).stream().anyMatch(t -> WEB_OTP.matcher(t).find() && !seenBefore.contains(t)));
        String text = texts(e164).stream().filter(t -> WEB_OTP.matcher(t).find() && !seenBefore.contains(t))
                .findFirst().orElseThrow();
        Matcher m = WEB_OTP.matcher(text);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void loginPagesWhenShownThenLinkToRecoveryAndRecoveryFormIsEmpty() {
        PageClient browser = PageJourneys.browser(server);
        PageClient.Page login = browser.get("/login");
        assertThat(login.attribute("forgot-password", "href")).isEqualTo("/recovery");

        PageClient signup = PageJourneys.browser(server);
        PageJourneys.signUp(signup, "recover-links");
        PageJourneys.enableTwoStep(signup);
        PageClient.Page challenge = PageJourneys.logOutAndStartLogin(signup, "recover-links");
        assertThat(challenge.attribute("cant-use-any", "href")).isEqualTo("/recovery");
        assertThat(signup.get("/login/methods").attribute("cant-use-any", "href")).isEqualTo("/recovery");

        // Coming from a login flow, the form still shows nothing of it.
        PageClient.Page form = signup.get("/recovery");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.attribute("username", "value")).isEmpty();
        assertThat(form.body()).doesNotContain("recover-links");
    }

    @Test
    void recoveryWhenKnownOrUnknownUsernameThenSamePagesAndStatuses() {
        PageClient owner = PageJourneys.browser(server);
        PageJourneys.signUp(owner, "recover-known");

        List<String> known = walk("recover-known");
        List<String> unknown = walk("recover-nobody");
        assertThat(known).isEqualTo(unknown);
        assertThat(known).contains("proofs 200 ", "send-email 302 /recovery/proofs?sent=email",
                "verify-email 422 That isn't right. Check the code or password, or ask for a new code.");
    }

    /** Each step as "name status location-or-error", and the pages' bodies compared without their tokens. */
    private static List<String> walk(String username) {
        PageClient browser = PageJourneys.browser(server);
        List<String> steps = new ArrayList<>();
        browser.get("/recovery");
        PageClient.Page started = browser.post("/recovery", "username", username);
        steps.add("start " + started.status() + " " + started.location());
        assertThat(browser.cookie("aikagi_recovery")).isPresent();
        assertThat(PageClient.all(started, "Set-Cookie")).anyMatch(c -> c.startsWith("aikagi_recovery=")
                && c.contains("HttpOnly") && c.contains("SameSite=Lax"));

        PageClient.Page proofs = browser.get("/recovery/proofs");
        steps.add("proofs " + proofs.status() + " ");
        steps.add(normalised(proofs));
        assertThat(proofs.body()).doesNotContain("•", "@", username);

        PageClient.Page email = browser.post("/recovery/send", "channel", "email", "sent", "");
        steps.add("send-email " + email.status() + " " + email.location());
        PageClient.Page emailSent = browser.follow(email);
        steps.add(normalised(emailSent));
        assertThat(emailSent.text("notice"))
                .isEqualTo("If this account has a verified email address, we sent a code to it.");
        assertThat(emailSent.has("email-code")).isTrue();

        PageClient.Page sms = browser.post("/recovery/send", "channel", "sms", "sent", "email");
        steps.add("send-sms " + sms.status() + " " + sms.location());
        PageClient.Page smsSent = browser.follow(sms);
        steps.add(normalised(smsSent));
        assertThat(smsSent.has("email-code")).isTrue();
        assertThat(smsSent.has("sms-code")).isTrue();

        PageClient.Page wrongCode = browser.post("/recovery/verify", "channel", "email", "code", "000000",
                "sent", "email,sms");
        steps.add("verify-email " + wrongCode.status() + " " + wrongCode.text("form-error"));
        steps.add(normalised(wrongCode));

        PageClient.Page wrongPassword = browser.post("/recovery/verify", "channel", "password",
                "password", "not the password", "sent", "email,sms");
        steps.add("verify-password " + wrongPassword.status() + " " + wrongPassword.text("form-error"));

        PageClient.Page malformed = browser.post("/recovery/verify", "channel", "sms", "code", "12", "sent", "sms");
        steps.add("verify-malformed " + malformed.status() + " " + malformed.text("form-error"));

        PageClient.Page unknownChannel = browser.post("/recovery/send", "channel", "pigeon", "sent", "");
        steps.add("send-pigeon " + unknownChannel.status() + " " + unknownChannel.text("form-error"));

        PageClient.Page notYet = browser.post("/recovery/complete");
        steps.add("complete " + notYet.status() + " " + notYet.location());
        PageClient.Page noSession = browser.get("/recovery/password");
        steps.add("password " + noSession.status() + " " + noSession.location());
        return steps;
    }

    private static String normalised(PageClient.Page page) {
        return page.withoutCsrf();
    }

    @Test
    void recoveryPagesWhenNoCaseThenBackToTheStartWithAReason() {
        PageClient browser = PageJourneys.browser(server);
        PageClient.Page proofs = browser.get("/recovery/proofs");
        assertThat(proofs.status()).isEqualTo(302);
        assertThat(proofs.location()).isEqualTo("/recovery?expired");
        browser.setCookie("aikagi_recovery", "00000000-0000-0000-0000-000000000000");
        PageClient.Page gone = browser.open("/recovery/waiting");
        assertThat(gone.path()).isEqualTo("/recovery?expired");
        assertThat(gone.text("form-error")).isEqualTo("This recovery has ended or expired. Start again.");

        PageClient japanese = PageJourneys.browser(server).acceptLanguage("ja");
        japanese.get("/recovery");
        PageClient.Page tampered = japanese.post("/recovery/verify", "channel", "email", "code", "123456");
        assertThat(tampered.location()).isEqualTo("/recovery?expired");
        japanese.get("/recovery");
        japanese.post("/recovery", "username", "recover-ja");
        PageClient.Page refused = japanese.post("/recovery/verify", "channel", "email", "code", "123456");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("form-error")).isEqualTo("正しくありません。コードまたはパスワードを確認するか、新しいコードを受け取ってください。");
    }

    /** Issue 14: the pages' cookie keeps the recovery token; the case's id (in the audit log) opens nothing. */
    @Test
    void recoveryPagesWhenCookieHoldsTheCaseIdInsteadOfItsTokenThenBackToTheStart() {
        PageClient owner = PageJourneys.browser(server);
        owner.get("/recovery");
        owner.post("/recovery", "username", "recover-cookie");
        String token = owner.cookie("aikagi_recovery").orElseThrow().getValue();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        String id = server.bean(dev.aikagi.core.recovery.RecoveryService.class).caseOf(token).orElseThrow().toString();
        assertThat(owner.get("/recovery/proofs").status()).isEqualTo(200);

        PageClient agent = PageJourneys.browser(server);
        agent.setCookie("aikagi_recovery", id);
        assertThat(agent.get("/recovery/proofs").location()).isEqualTo("/recovery?expired");
        agent.get("/recovery");
        assertThat(agent.post("/recovery/complete").location()).isEqualTo("/recovery?expired");
        agent.get("/recovery");
        assertThat(agent.post("/recovery/verify", "channel", "email", "code", "123456").location())
                .isEqualTo("/recovery?expired");
    }

    @Test
    void bundlesWhenRecoveryRefusesThenEveryFailureHasATextInBothLanguages() {
        for (String name : List.of("messages.properties", "messages_ja.properties")) {
            Properties bundle = MessageBundlesTest.bundle(name);
            for (RecoveryFailure failure : RecoveryFailure.values()) {
                String key = RecoveryFailures.of(failure, java.util.Optional.empty()).key();
                assertThat(bundle.getProperty(key)).as(name + " " + key).isNotBlank();
                assertThat(RecoveryFailures.of(failure, java.util.Optional.empty()).status().is4xxClientError())
                        .as(failure.name()).isTrue();
            }
            for (String later : List.of("recovery.error.too_many_attempts.later", "recovery.error.too_many_sends.later",
                    "recovery.proofs.sent.email", "recovery.proofs.sent.sms", "recovery.proofs.accepted",
                    "recovery.ended.cancelled", "recovery.ended.completed", "recovery.ended.expired")) {
                assertThat(bundle.getProperty(later)).as(name + " " + later).isNotBlank();
            }
        }
    }
}
