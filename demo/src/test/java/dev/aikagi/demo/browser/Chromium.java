package dev.aikagi.demo.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium and its chromedriver ({@code apt-get install chromium chromium-driver}), as in the
 * server's browser tests. Selenium Manager never runs: both paths are given explicitly.
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** Skips the calling tests on a developer's machine without Chromium; fails them in CI ({@code CI=true}). */
    static void requireInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        requirement("browser tests need " + BROWSER + " and " + DRIVER + " (apt-get install chromium chromium-driver)");
    }

    /** What a missing prerequisite does: skip locally, fail in CI, where a skipped suite would pass silently. */
    static void requirement(String missing) {
        if ("true".equals(System.getenv("CI"))) {
            fail(missing + "; CI must run these tests, not skip them");
        }
        Assumptions.abort(missing);
    }
}
