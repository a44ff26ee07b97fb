package dev.aikagi.server.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium and its chromedriver ({@code apt-get install chromium chromium-driver}). The
 * tests never let Selenium Manager fetch a browser or a driver: both paths are given explicitly.
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /**
     * Skips the calling test class when Chromium is missing on a developer's machine, and fails it in
     * CI ({@code CI=true}), where a skipped browser suite would pass silently.
     */
    static void requireInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        String missing = "browser tests need " + BROWSER + " and " + DRIVER
                + " (apt-get install chromium chromium-driver)";
        if ("true".equals(System.getenv("CI"))) {
            fail(missing + "; CI must run them, not skip them");
        }
        Assumptions.abort(missing);
    }
}
