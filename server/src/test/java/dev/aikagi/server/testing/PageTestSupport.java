package dev.aikagi.server.testing;

import dev.aikagi.server.RunningServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One running server per page test class ({@link PageJourneys#start}: every browser an address of its own). */
public abstract class PageTestSupport {

    @TempDir
    protected static Path dataDir;
    protected static RunningServer server;

    @BeforeAll
    protected static void startServer() {
        server = PageJourneys.start(dataDir);
    }

    @AfterAll
    protected static void stopServer() {
        server.close();
    }
}
