package dev.aikagi.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.server.testing.PageTestSupport;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.PageClient;
import dev.aikagi.testkit.SoftwarePasskey;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17 through the pages, without a browser: the options are in the form's data-passkey-options, the answer goes
 * back in the form's credential field (what passkeys.js does). Adding the first passkey shows the backup codes; a
 * login with a passkey alone refused for a wrong origin shows the same message as the API's passkey_invalid and a
 * fresh challenge, and the right answer then signs in.
 */
class PagePasskeyTest extends PageTestSupport {

    private static final String ORIGIN = "http://localhost:8080";

    private static JsonNode options(PageClient.Page page) {
        return ApiClient.JSON.readTree(page.attribute("passkey-form", "data-passkey-options"));
    }

    @Test
    void passkeyWhenAddedOnThePageAndUsedAloneThenSignedInAfterARefusedOrigin() {
        PageClient browser = PageJourneys.browser(server);
        PageJourneys.signUp(browser, "pk-page");
        String methods = PageJourneys.methodsPath(browser);
        SoftwarePasskey passkey = new SoftwarePasskey(ORIGIN, "localhost");

        PageClient.Page adding = browser.post(methods + "/passkeys", "name", "タブレット");
        assertThat(adding.status()).as(adding.body()).isEqualTo(200);
        PageClient.Page codes = browser.post(methods + "/passkeys/confirm", "name", "タブレット",
                "credential", ApiClient.JSON.writeValueAsString(passkey.register(options(adding))));
        assertThat(codes.status()).as(codes.body()).isEqualTo(200);
        assertThat(PageJourneys.codes(codes)).hasSize(10);
        assertThat(browser.get(methods + "/passkeys").text("passkey-list")).contains("タブレット");

        browser.post("/logout");
        assertThat(browser.get("/login").attribute("passkey-login", "type")).isEqualTo("submit");
        PageClient.Page started = browser.post("/login/passkey/start");
        assertThat(started.location()).isEqualTo("/login/passkey");
        PageClient.Page page = browser.follow(started);
        assertThat(page.has("try-another-way")).as("no account yet: no other way").isFalse();
        PageClient.Page refused = browser.post("/login/passkey", "credential",
                ApiClient.JSON.writeValueAsString(passkey.origin("https://evil.example").login(options(page))));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("form-error")).isEqualTo(server.bean(MessageSource.class)
                .getMessage("error.passkey_invalid", null, Locale.ENGLISH));
        PageClient.Page signedIn = browser.post("/login/passkey", "credential",
                ApiClient.JSON.writeValueAsString(passkey.origin(ORIGIN).login(options(refused))));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(302);
        assertThat(signedIn.location()).isEqualTo("/settings");
    }
}
