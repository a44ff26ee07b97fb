package dev.aikagi.server.testing;

import dev.aikagi.server.RunningServer;
import dev.aikagi.testkit.ApiClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One running server per API test class, with its JSON client and its development outbox. */
public abstract class ApiTestSupport {

    @TempDir
    protected static Path dataDir;
    protected static RunningServer server;
    protected static ApiClient api;
    protected static Outbox outbox;

    @BeforeAll
    protected static void startServer() {
        server = RunningServer.start(dataDir);
        api = new ApiClient(server.port());
        outbox = new Outbox(api);
    }

    @AfterAll
    protected static void stopServer() {
        server.close();
    }
}
