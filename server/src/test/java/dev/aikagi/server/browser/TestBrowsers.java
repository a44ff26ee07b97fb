package dev.aikagi.server.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Browsers for tests: {@code TestBrowsers.browser().named("journey").screen(Screen.PHONE)
 * .language(Locale.JAPANESE).open(server)} is a fresh headless Chromium with its own empty profile,
 * so no cookie or saved password leaks from one journey into another.
 */
final class TestBrowsers {

    /** Where the screenshots go: {@code server/target/screenshots} under Maven. */
    static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    private TestBrowsers() {
    }

    static Builder browser() {
        return new Builder();
    }

    static final class Builder {
        private String name = "browser";
        private Screen screen = Screen.PC;
        private Locale language = Locale.ENGLISH;

        private Builder() {
        }

        /** The test's name, the first part of the screenshot folder. */
        Builder named(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        Builder screen(Screen screen) {
            this.screen = Objects.requireNonNull(screen, "screen");
            return this;
        }

        /** The browser's language, sent as {@code Accept-Language}: the pages follow it. */
        Builder language(Locale language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        Browser open(BrowserServer server) {
            Chromium.requireInstalled();
            Path profile;
            try {
                profile = Files.createTempDirectory("aikagi-chromium-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String lang = language.getLanguage();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(Chromium.BROWSER.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-quic",
                    "--user-data-dir=" + profile,
                    "--window-size=" + screen.width + "," + screen.height,
                    "--lang=" + lang);
            Map<String, Object> prefs = new LinkedHashMap<>();
            prefs.put("intl.accept_languages", lang.equals("ja") ? "ja,en" : "en-US,en");
            // No "save password?" or leaked-password prompts over the pages.
            prefs.put("credentials_enable_service", false);
            prefs.put("profile.password_manager_enabled", false);
            prefs.put("profile.password_manager_leak_detection", false);
            options.setExperimentalOption("prefs", prefs);
            if (screen.phone) {
                // Chromium keeps a window at least 500 px wide even headless, so --window-size alone
                // would test 500 px. Emulating the phone's screen gives 390 px, and honours
                // <meta name="viewport"> as a phone does.
                options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of(
                        "width", screen.width, "height", screen.height, "pixelRatio", 1.0, "mobile", true, "touch", false)));
            }
            options.setPageLoadTimeout(Browser.PAGE_LOAD);
            // The driver is given, so Selenium Manager never runs (and never downloads anything).
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Chromium.DRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            Path screenshots = SCREENSHOTS.resolve(name + "-" + screen.width + "-" + lang);
            // A shorter run than the last must not leave its older pictures looking current.
            Browser.deleteTree(screenshots);
            return new Browser(driver, server.url(""), screen, language, screenshots, profile);
        }
    }
}
