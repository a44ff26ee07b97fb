package dev.aikagi.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.server.testing.PageTestSupport;
import dev.aikagi.testkit.Html;
import dev.aikagi.testkit.PageClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 on the pages, without a browser: ending a session and "log out everywhere else" on the security page,
 * changing the password, deleting the account and keeping it (also after a login), the security checkup and its
 * nudge on the settings home after a login.
 */
class SecurityPagesTest extends PageTestSupport {

    private static final String SECURITY = "/settings/account-center/security";

    private static PageClient.Page login(PageClient browser, String username, String password) {
        browser.get("/login");
        return browser.post("/login", "username", username, "password", password);
    }

    private static PageClient signedUp(String username) {
        PageClient browser = PageJourneys.browser(server);
        PageJourneys.signUp(browser, username);
        return browser;
    }

    private static PageClient loggedIn(String username) {
        PageClient browser = PageJourneys.browser(server);
        PageClient.Page in = login(browser, username, PageJourneys.PASSWORD);
        assertThat(in.status()).isEqualTo(302);
        return browser;
    }

    @Test
    void endSessionWhenOtherBrowserListedThenItIsLoggedOut() {
        PageClient mine = signedUp("pages-end-one");
        PageClient other = loggedIn("pages-end-one");

        PageClient.Page security = mine.get(SECURITY);
        List<String> buttons = Html.byClass(security.body(), "end-session");
        assertThat(buttons).hasSize(1);
        String id = Html.attribute(buttons.getFirst(), "id").orElseThrow().substring("end-session-".length());

        PageClient.Page ended = mine.post(SECURITY + "/sessions/" + id + "/end");

        assertThat(ended.location()).isEqualTo(SECURITY + "?session-ended");
        assertThat(mine.follow(ended).text("notice")).isEqualTo("That session was logged out.");
        assertThat(other.get("/settings").location()).endsWith("/login");
        assertThat(mine.get("/settings").status()).isEqualTo(200);
        assertThat(mine.post(SECURITY + "/sessions/" + id + "/end").location()).isEqualTo(SECURITY + "?session-gone");
        assertThat(mine.post(SECURITY + "/sessions/not-a-uuid/end").location()).isEqualTo(SECURITY + "?session-gone");
    }

    @Test
    void endOthersWhenTwoOtherBrowsersThenOnlyThisOneStays() {
        PageClient mine = signedUp("pages-end-others");
        PageClient b = loggedIn("pages-end-others");
        PageClient c = loggedIn("pages-end-others");
        assertThat(mine.get(SECURITY).has("end-other-sessions")).isTrue();

        PageClient.Page ended = mine.post(SECURITY + "/sessions/end-others");

        assertThat(ended.location()).isEqualTo(SECURITY + "?others-ended");
        assertThat(b.get("/settings").location()).endsWith("/login");
        assertThat(c.get("/settings").location()).endsWith("/login");
        PageClient.Page after = mine.follow(ended);
        assertThat(after.has("end-other-sessions")).isFalse();
        assertThat(Html.byClass(after.body(), "end-session")).isEmpty();
    }

    @Test
    void changePasswordWhenCurrentWrongThenRefusedOnThePageMarkedInvalid() {
        PageClient browser = signedUp("pages-password-wrong");
        assertThat(browser.get(SECURITY).has("password-link")).isTrue();
        assertThat(browser.get(SECURITY + "/password").status()).isEqualTo(200);

        PageClient.Page wrong = browser.post(SECURITY + "/password", "currentPassword", "not it",
                "newPassword", "a brand new and long passphrase");

        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.has("form-error")).isTrue();
        assertThat(wrong.body()).contains("<title>Error: Change password · Aikagi</title>");
        assertThat(Html.element(wrong.body(), "current-password").orElseThrow()).contains("aria-invalid=\"true\"");

        PageClient.Page weak = browser.post(SECURITY + "/password", "currentPassword", PageJourneys.PASSWORD,
                "newPassword", "short");
        assertThat(weak.status()).isBetween(400, 499);
        assertThat(Html.element(weak.body(), "new-password").orElseThrow()).contains("aria-invalid=\"true\"");
    }

    @Test
    void changePasswordWhenRightThenOtherSessionsEndAndTheNewOneLogsIn() {
        PageClient browser = signedUp("pages-password");
        PageClient other = loggedIn("pages-password");
        String next = "a brand new and long passphrase";

        PageClient.Page changed = browser.post(SECURITY + "/password", "currentPassword", PageJourneys.PASSWORD,
                "newPassword", next);

        assertThat(changed.location()).isEqualTo(SECURITY + "?password-changed");
        assertThat(browser.follow(changed).has("notice")).isTrue();
        assertThat(other.get("/settings").location()).endsWith("/login");
        assertThat(login(PageJourneys.browser(server), "pages-password", next).location()).startsWith("/settings");
        assertThat(login(PageJourneys.browser(server), "pages-password", PageJourneys.PASSWORD).status())
                .isNotEqualTo(302);
    }

    @Test
    void deleteWhenScheduledThenPendingShownAtLoginAndKeptWithOneButton() {
        PageClient browser = signedUp("pages-delete");
        assertThat(browser.get(SECURITY).has("delete-link")).isTrue();
        PageClient.Page form = browser.get(SECURITY + "/delete");
        assertThat(form.attribute("deletion-state", "data-state")).isEqualTo("none");

        PageClient.Page wrong = browser.post(SECURITY + "/delete", "password", "not it");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.attribute("deletion-state", "data-state")).isEqualTo("none");

        PageClient.Page scheduled = browser.post(SECURITY + "/delete", "password", PageJourneys.PASSWORD);
        assertThat(scheduled.location()).isEqualTo(SECURITY + "/delete?scheduled");
        PageClient.Page pending = browser.follow(scheduled);
        assertThat(pending.attribute("deletion-state", "data-state")).isEqualTo("pending");
        assertThat(pending.has("notice")).isTrue();
        assertThat(browser.get("/settings").has("deletion-pending")).isTrue();

        PageClient later = PageJourneys.browser(server);
        PageClient.Page in = login(later, "pages-delete", PageJourneys.PASSWORD);
        assertThat(in.location()).isEqualTo("/settings/deletion-pending?next=%2Fsettings");
        PageClient.Page shown = later.follow(in);
        assertThat(shown.has("keep-account")).isTrue();
        assertThat(shown.attribute("continue", "href")).isEqualTo("/settings");

        PageClient.Page kept = later.post(SECURITY + "/delete/cancel", "next", "/settings");
        assertThat(kept.location()).isEqualTo("/settings");
        assertThat(later.follow(kept).has("deletion-pending")).isFalse();
        assertThat(browser.get(SECURITY + "/delete").attribute("deletion-state", "data-state")).isEqualTo("none");
        assertThat(later.get("/settings/deletion-pending?next=%2Fsettings").location()).isEqualTo("/settings");
    }

    @Test
    void deletionPendingWhenNextIsElsewhereThenOnlySafePlaces() {
        PageClient browser = signedUp("pages-delete-next");
        browser.post(SECURITY + "/delete", "password", PageJourneys.PASSWORD);

        assertThat(browser.get("/settings/deletion-pending?next=https://evil.example/").attribute("continue", "href"))
                .isEqualTo("/settings/account-center/security/two-factor");
        assertThat(browser.get("/settings/deletion-pending?next=/login/continue").attribute("continue", "href"))
                .isEqualTo("/login/continue");
        assertThat(browser.post(SECURITY + "/delete/cancel", "next", "//evil.example").location())
                .isEqualTo("/settings/account-center/security/two-factor");
    }

    @Test
    void checkupPageWhenNewAccountThenEveryItemWithItsFixInBothLanguages() {
        PageClient browser = signedUp("pages-checkup");
        assertThat(browser.get("/settings").has("checkup-link")).isTrue();

        PageClient.Page page = browser.get(SECURITY + "/checkup");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.attribute("checkup-summary", "data-state")).isEqualTo("needs_attention");
        assertThat(page.attribute("checkup-two_step", "data-state")).isEqualTo("needs_attention");
        assertThat(page.attribute("checkup-sessions", "data-state")).isEqualTo("good");
        assertThat(page.attribute("checkup-fix-recovery_phone", "href")).endsWith("/phone");
        assertThat(page.attribute("checkup-fix-backup_codes", "href")).endsWith("/backup-codes");
        PageClient.Page ja = browser.get(SECURITY + "/checkup?lang=ja");
        assertThat(ja.text("checkup-summary")).contains("スマートフォンをなくすと");
    }

    @Test
    void nudgeWhenSomethingMissingThenOnTheSettingsHomeAfterLoginOnceAndPutOff() {
        signedUp("pages-nudge");
        PageClient browser = PageJourneys.browser(server);

        PageClient.Page in = login(browser, "pages-nudge", PageJourneys.PASSWORD);

        assertThat(in.location()).as("the login goes where it was going").isEqualTo("/settings");
        PageClient.Page home = browser.follow(in);
        assertThat(home.has("checkup-nudge")).isTrue();
        assertThat(home.attribute("checkup-nudge-review", "href")).isEqualTo(SECURITY + "/checkup");
        PageClient.Page putOff = browser.post("/settings/checkup/nudge", "action", "later");
        assertThat(putOff.location()).isEqualTo("/settings");
        assertThat(browser.follow(putOff).has("checkup-nudge")).isFalse();

        PageClient again = PageJourneys.browser(server);
        assertThat(again.follow(login(again, "pages-nudge", PageJourneys.PASSWORD)).has("checkup-nudge"))
                .as("at most once a week").isFalse();
    }

    @Test
    void nudgeWhenDismissedThenGone() {
        signedUp("pages-nudge-never");
        PageClient browser = PageJourneys.browser(server);
        browser.follow(login(browser, "pages-nudge-never", PageJourneys.PASSWORD));

        browser.post("/settings/checkup/nudge", "action", "never");

        assertThat(browser.get("/settings").has("checkup-nudge")).isFalse();
    }
}
