package dev.aikagi.server.login;

import static dev.aikagi.server.testing.PageJourneys.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.server.testing.PageTestSupport;
import dev.aikagi.testkit.PageClient;
import java.net.HttpCookie;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 3, on the pages: a browser whose device cookie completed a login keeps its own attempt
 * budget, so strangers' wrong passwords (even from the owner's own address) never keep the owner out; the
 * device cookie is always a random value the server made.
 */
class LoginLockOutPageTest extends PageTestSupport {

    private static final String DEVICE = "aikagi_device";
    /** The owner's home address, which the strangers share. */
    private static final String HOME = "203.0.113.77";

    @Test
    void loginWhenStrangersFailedManyTimesThenOwnersBrowserStillLogsInAndOthersAreThrottled() {
        PageClient owner = new PageClient(server.port(), HOME);
        PageJourneys.signUp(owner, "page-lockout");
        List<String> codes = PageJourneys.enableTwoStep(owner);
        assertThat(finishWithBackupCode(owner, "page-lockout", codes.get(0)).status()).isEqualTo(302);

        // Strangers on the owner's own address (one home router) send wrong passwords until refused.
        PageClient stranger = new PageClient(server.port(), HOME);
        stranger.get("/login");
        PageClient.Page last = null;
        for (int i = 0; i < 12; i++) {
            last = stranger.post("/login", "username", "page-lockout", "password", "guess number " + i);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.text("form-error")).isNotBlank();
        PageClient.Page rightButUnknown = stranger.post("/login", "username", "page-lockout", "password", PASSWORD);
        assertThat(rightButUnknown.status()).as("another browser, even with the right password").isEqualTo(429);

        PageClient.Page done = finishWithBackupCode(owner, "page-lockout", codes.get(1));

        assertThat(done.status()).as("the owner's browser").isEqualTo(302);
        assertThat(owner.cookie("aikagi_session")).isPresent();
    }

    @Test
    void loginWhenDeviceCookieNotMadeByTheServerThenReplacedWithARandomOne() {
        PageClient browser = PageJourneys.browser(server);
        browser.setCookie(DEVICE, "chosen-by-me");

        PageClient.Page answered = browser.get("/login");

        String device = answered.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(DEVICE + "="))
                .map(c -> HttpCookie.parse(c).getFirst().getValue()).findFirst().orElseThrow();
        assertThat(device).isNotEqualTo("chosen-by-me").matches("[A-Za-z0-9_-]{32}");
    }

    private static PageClient.Page finishWithBackupCode(PageClient browser, String username, String code) {
        browser.open("/settings");
        PageJourneys.logOutAndStartLogin(browser, username);
        PageJourneys.chooseBackupCode(browser);
        return browser.post("/login/challenge", "code", code);
    }
}
