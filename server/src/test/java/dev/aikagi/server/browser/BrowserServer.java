package dev.aikagi.server.browser;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.server.RunningServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * The real application for one browser test class ({@link RunningServer}: a random port, its own data
 * folder, cheap password hashing), with what the browser tests ask of it.
 */
final class BrowserServer implements AutoCloseable {

    private final RunningServer server;
    private final int port;

    private BrowserServer(RunningServer server) {
        this.server = server;
        this.port = server.port();
    }

    static BrowserServer start(Path dataDir) {
        return new BrowserServer(RunningServer.start(dataDir));
    }

    /** An address of the server as the browser reaches it. */
    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /**
     * A text from the server's own message bundles, as the pages render it, so assertions follow the
     * wording rather than a copy of it.
     */
    String message(String key, Locale locale, Object... args) {
        return server.bean(MessageSource.class).getMessage(key, args, locale);
    }

    /** The account's security events, oldest first. */
    List<AuditEvent> auditEvents(AccountId account) {
        List<AuditEvent> newestFirst = server.bean(AuditLog.class).recent(account, 1000);
        return newestFirst.reversed();
    }

    @Override
    public void close() {
        server.close();
    }
}
