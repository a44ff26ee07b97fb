package dev.aikagi.server.twostep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.testing.Outbox;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.server.testing.PageTestSupport;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.PageClient;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 on the two-step pages: several named authenticator apps listed with "Remove" links, each action on a
 * short confirm step of its own (no password field on the methods page), the set-up page keeping its key after a
 * wrong code, and turning two-step verification off with an SMS code.
 */
class AuthenticatorPagesTest extends PageTestSupport {

    private static final String PASSWORD = PageJourneys.PASSWORD;
    private static final Pattern APP_ID = Pattern.compile("data-app-id=\"([0-9a-f-]{36})\"");

    private static List<String> appIds(PageClient.Page page) {
        List<String> ids = new ArrayList<>();
        Matcher m = APP_ID.matcher(page.body());
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void aSecondNamedAppIsAddedAndTheFirstRemovedOnItsOwnConfirmStep() {
        PageClient browser = PageJourneys.browser(server);
        PageJourneys.signUp(browser, "authn-page-two");
        PageJourneys.enableTwoStep(browser);
        String methods = PageJourneys.methodsPath(browser);
        PageClient.Page one = browser.get(methods);
        assertThat(appIds(one)).hasSize(1);
        assertThat(one.body()).contains("Authenticator app").doesNotContain("class=\"remove-app\"")
                .doesNotContain("type=\"password\"");
        assertThat(one.has("add-totp")).isTrue();
        assertThat(one.has("disable-link")).isTrue();

        PageClient.Page setup = browser.post(methods + "/totp");
        assertThat(setup.has("totp-name")).isTrue();
        PageClient.Page added = browser.post(methods + "/totp/confirm", "code",
                PageJourneys.totpNow(setup.text("totp-secret")), "name", "work phone");
        assertThat(added.location()).isEqualTo(methods + "?totp-added");
        PageClient.Page two = browser.follow(added);
        assertThat(two.text("notice")).isEqualTo("Your new authenticator app is set up. Your other apps keep working.");
        List<String> ids = appIds(two);
        assertThat(ids).hasSize(2);
        assertThat(two.body()).contains("work phone").contains(methods + "/authenticators/" + ids.get(0) + "/remove")
                .doesNotContain("type=\"password\"");

        PageClient.Page confirm = browser.get(methods + "/authenticators/" + ids.get(0) + "/remove");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.text("confirm-heading")).isEqualTo("Remove “Authenticator app”?");
        assertThat(confirm.body()).contains("Enter your password to remove “Authenticator app”")
                .contains("id=\"confirm-cancel\"");
        assertThat(confirm.attribute("confirm-password", "autocomplete")).isEqualTo("current-password");

        PageClient.Page wrong = browser.post(methods + "/authenticators/" + ids.get(0) + "/remove", "password", "not it");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.text("form-error")).isEqualTo("That password isn't right.");
        assertThat(wrong.has("confirm-password")).as("back on the same confirm step").isTrue();
        PageClient.Page removed = browser.post(methods + "/authenticators/" + ids.get(0) + "/remove", "password", PASSWORD);
        assertThat(removed.location()).isEqualTo(methods + "?method-removed");
        PageClient.Page left = browser.follow(removed);
        assertThat(appIds(left)).containsExactly(ids.get(1));
        assertThat(left.body()).contains("work phone").doesNotContain("class=\"remove-app\"");

        assertThat(browser.get(methods + "/authenticators/" + ids.get(0) + "/remove").location()).isEqualTo(methods);
        assertThat(browser.get(methods + "/authenticators/not-an-id/remove").location()).isEqualTo(methods);
    }

    @Test
    void aWrongCodeKeepsTheKeyTheQrCodeAndTheName() {
        PageClient browser = PageJourneys.browser(server);
        PageJourneys.signUp(browser, "authn-page-typo");
        String methods = PageJourneys.methodsPath(browser);
        browser.get(methods);
        PageClient.Page setup = browser.post(methods + "/totp");
        String secret = setup.text("totp-secret");
        String right = PageJourneys.totpNow(secret);

        PageClient.Page wrong = browser.post(methods + "/totp/confirm", "code", "000000".equals(right) ? "111111" : "000000",
                "name", "仕事用スマホ");

        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.text("totp-secret")).isEqualTo(secret);
        assertThat(wrong.attribute("totp-qr", "src")).startsWith("data:image/png;base64,");
        assertThat(wrong.attribute("totp-name", "value")).isEqualTo("仕事用スマホ");
        assertThat(wrong.has("totp-restart")).isTrue();
        PageClient.Page tooLong = browser.post(methods + "/totp/confirm", "code", right, "name", "x".repeat(41));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.text("totp-secret")).isEqualTo(secret);
        PageClient.Page done = browser.post(methods + "/totp/confirm", "code", PageJourneys.totpNow(secret));
        assertThat(PageJourneys.codes(done)).hasSize(10);
        assertThat(browser.get(methods).body()).contains("仕事用スマホ");
    }

    @Test
    void anSmsOnlyAccountTurnsTwoStepOffWithATextedCodeOnItsConfirmStep() {
        PageClient browser = PageJourneys.browser(server);
        PageJourneys.signUp(browser, "authn-page-sms");
        String methods = PageJourneys.methodsPath(browser);
        String phone = "+819012347702";
        Outbox outbox = new Outbox(new ApiClient(server.port()));
        browser.get(methods + "/phone");
        assertThat(browser.post(methods + "/phone", "phoneNumber", phone).status()).isEqualTo(200);
        assertThat(browser.post(methods + "/phone/confirm", "code", outbox.latestCode(phone)).status()).isEqualTo(200);
        PageClient.Page page = browser.get(methods);
        assertThat(page.text("two-step-status")).isEqualTo("On");

        PageClient.Page step = browser.get(methods + "/disable");
        assertThat(step.has("disable-send-code")).isTrue();
        assertThat(step.body()).contains("value=\"sms\"").doesNotContain("value=\"totp\"");
        PageClient.Page sent = browser.post(methods + "/disable/send-code");
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.text("notice")).startsWith("We sent a code to •••• ••02.");
        assertThat(sent.body()).contains("value=\"sms\" selected");
        String code = outbox.latestCode(phone);
        PageClient.Page wrongPassword = browser.post(methods + "/disable", "password", "nope nope nope", "method", "sms",
                "code", code);
        assertThat(wrongPassword.text("form-error")).isEqualTo("That password isn't right.");
        assertThat(wrongPassword.has("disable-form")).isTrue();

        PageClient.Page off = browser.post(methods + "/disable", "password", PASSWORD, "method", "sms", "code", code);

        assertThat(off.location()).isEqualTo(methods + "?turned-off");
        assertThat(browser.follow(off).text("two-step-status")).isEqualTo("Off");
    }

    @Test
    void stoppingTextMessageCodesHasItsOwnConfirmStep() {
        PageClient browser = PageJourneys.browser(server);
        PageJourneys.signUp(browser, "authn-page-stop");
        PageJourneys.enableTwoStep(browser);
        String methods = PageJourneys.methodsPath(browser);
        String phone = "+819012347703";
        Outbox outbox = new Outbox(new ApiClient(server.port()));
        browser.get(methods + "/phone");
        browser.post(methods + "/phone", "phoneNumber", phone);
        browser.post(methods + "/phone/confirm", "code", outbox.latestCode(phone));
        assertThat(browser.get(methods).has("remove-sms")).isTrue();

        PageClient.Page step = browser.get(methods + "/sms/remove");
        assertThat(step.text("confirm-heading")).isEqualTo("Stop codes by text message to •••• ••03?");
        PageClient.Page wrong = browser.post(methods + "/remove-method", "method", "sms", "password", "nope nope");
        assertThat(wrong.has("confirm-password")).isTrue();
        assertThat(wrong.text("form-error")).isEqualTo("That password isn't right.");
        PageClient.Page stopped = browser.post(methods + "/remove-method", "method", "sms", "password", PASSWORD);
        assertThat(stopped.location()).isEqualTo(methods + "?method-removed");
        assertThat(browser.get(methods + "/sms/remove").location()).isEqualTo(methods);
    }
}
