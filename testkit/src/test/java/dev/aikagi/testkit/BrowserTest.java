package dev.aikagi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Browser#pageProblems()} runs axe-core: a page that breaks WCAG is reported, a clean one is not. */
class BrowserTest {

    private static final String HEAD = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Axe check</title></head>";

    @Test
    void pageProblemsWhenAFieldHasNoLabelThenAxeNamesTheRuleAndTheField() {
        Chromium.requireInstalled();
        try (Browser browser = Browser.chromium().named("axe-check").open()) {
            browser.open(page("<main><h1>Sign in</h1><form><input type=\"text\" id=\"nameless\"></form></main>"));
            browser.screenshot("unlabelled-field");

            assertThat(browser.pageProblems()).singleElement().asString()
                    .contains("01-unlabelled-field.png", "axe label", "#nameless");
        }
    }

    @Test
    void pageProblemsWhenNoScreenshotWasTakenThenTheCurrentPageIsCheckedAnyway() {
        Chromium.requireInstalled();
        try (Browser browser = Browser.chromium().named("axe-check").open()) {
            browser.open(page("<main><h1>Sign in</h1><img src=\"data:,\" id=\"wordless\"></main>"));

            assertThat(browser.pageProblems()).singleElement().asString().contains("axe image-alt", "#wordless");
        }
    }

    @Test
    void pageProblemsWhenThePageIsAccessibleThenNone() {
        Chromium.requireInstalled();
        try (Browser browser = Browser.chromium().named("axe-check").open()) {
            browser.open(page("<main><h1>Sign in</h1><form><label for=\"name\">Name</label>"
                    + "<input type=\"text\" id=\"name\" autocomplete=\"username\"></form></main>"));
            browser.screenshot("labelled-field");

            assertThat(browser.pageProblems()).isEmpty();
        }
    }

    private static String page(String body) {
        return "data:text/html;charset=utf-8," + URLEncoder.encode(HEAD + "<body>" + body + "</body></html>",
                StandardCharsets.UTF_8).replace("+", "%20");
    }
}
