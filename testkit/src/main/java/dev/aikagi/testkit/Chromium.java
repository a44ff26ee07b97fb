package dev.aikagi.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium and its chromedriver ({@code apt-get install chromium chromium-driver}). The tests never let
 * Selenium Manager fetch a browser or a driver: both paths are given explicitly.
 */
public final class Chromium {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /**
     * Skips the calling test class when Chromium is missing on a developer's machine, and fails it in CI
     * ({@code CI=true}), where a skipped browser suite would pass silently.
     */
    public static void requireInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        requirement("browser tests need " + BROWSER + " and " + DRIVER + " (apt-get install chromium chromium-driver)");
    }

    /** What a missing prerequisite does: skip locally, fail in CI, where a skipped suite would pass silently. */
    public static void requirement(String missing) {
        if ("true".equals(System.getenv("CI"))) {
            fail(missing + "; CI must run these tests, not skip them");
        }
        Assumptions.abort(missing);
    }
}
