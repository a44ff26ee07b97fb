package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Browser;

/** Any signed-in page under {@code /settings} that a login lands on; only its sign-out is used. */
final class SettingsPage extends AikagiPage {

    SettingsPage(Browser browser, String step) {
        super(browser, LOGOUT, step);
        assertThat(browser.path()).startsWith("/settings");
    }
}
