package dev.aikagi.server.browser;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One running server per browser test class, started only when Chromium is there (or failing in CI). */
abstract class BrowserTestSupport {

    @TempDir
    static Path dataDir;
    static BrowserServer server;

    @BeforeAll
    static void start() {
        Chromium.requireInstalled();
        server = BrowserServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }
}
