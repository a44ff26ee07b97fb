package dev.aikagi.server.browser;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.server.AikagiApplication;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.MessageSource;

/**
 * The real application for one browser test class: a random port, its own data folder, and cheap
 * password hashing. Overrides are command-line arguments, as in production
 * ({@code SpringApplicationBuilder.properties()} would only set defaults).
 */
final class BrowserServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private BrowserServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    static BrowserServer start(Path dataDir) {
        return new BrowserServer(new SpringApplicationBuilder(AikagiApplication.class).run(
                "--server.port=0",
                "--aikagi.data-dir=" + dataDir,
                // The OWASP cost is measured by the benchmarks; here it would only slow every login.
                "--aikagi.password.argon2-memory-kib=1024",
                "--aikagi.password.argon2-iterations=1"));
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
        return context.getBean(MessageSource.class).getMessage(key, args, locale);
    }

    /** The account's security events, oldest first. */
    List<AuditEvent> auditEvents(AccountId account) {
        List<AuditEvent> newestFirst = context.getBean(AuditLog.class).recent(account, 1000);
        return newestFirst.reversed();
    }

    @Override
    public void close() {
        context.close();
    }
}
