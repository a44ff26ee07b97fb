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

    static BrowserServer start(Path dataDir, String... extraArgs) {
        return new BrowserServer(RunningServer.start(dataDir, extraArgs));
    }

    /** The body of the newest text message to {@code e164} in the development outbox, if any. */
    java.util.Optional<String> newestText(String e164) {
        return texts(e164).stream().findFirst();
    }

    /** The bodies of the text messages to {@code e164} in the development outbox, newest first. */
    List<String> texts(String e164) {
        return server.bean(dev.aikagi.jdbc.JdbcOutbox.class).latest(200).stream()
                .filter(m -> m.to().equals(e164))
                .map(dev.aikagi.core.delivery.Message::body)
                .toList();
    }

    /** Gives an existing account a role, as {@code --aikagi.command=grant-role} does (issue 14, point 6). */
    void grant(String username, dev.aikagi.core.role.Role role) {
        server.bean(dev.aikagi.core.role.Roles.class).grant(username, role);
    }

    /**
     * Creates {@code username} with an invitation (issue 18), as the admin API does, and returns the link's path
     * from the mail in the development outbox.
     */
    String invite(String username, String email, String language) {
        server.bean(dev.aikagi.core.admin.Invitations.class).create(new dev.aikagi.core.admin.UserDirectory.NewUser(
                username, "", java.util.Optional.of(email), java.util.Optional.empty(), language), "command")
                .doneValue().orElseThrow();
        // Sent off the request's thread, as every notice is.
        String body = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> server.bean(dev.aikagi.jdbc.JdbcOutbox.class).latest(200).stream()
                        .filter(m -> m.to().equals(email)).map(dev.aikagi.core.delivery.Message::body)
                        .filter(b -> b.contains("/invitation?token=")).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        return body.substring(body.indexOf("/invitation?token=")).lines().findFirst().orElseThrow().strip();
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

    /** A text of the notification bundle ({@code notifications*.properties}), as messages are written. */
    String notice(String key, Locale locale) {
        return java.util.ResourceBundle.getBundle("notifications", locale,
                java.util.ResourceBundle.Control.getNoFallbackControl(
                        java.util.ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
    }

    /**
     * A browser session at AAL1 on the account (one kept from before two-step verification was on); its cookie
     * value.
     */
    String passwordOnlySession(AccountId account) {
        String token = new dev.aikagi.core.session.SessionTokens(server.bean(dev.aikagi.core.crypto.SecretGenerator.class))
                .newToken();
        java.time.Instant now = server.bean(java.time.Clock.class).instant();
        server.bean(dev.aikagi.core.session.SessionRepository.class).create(new dev.aikagi.core.session.Session(
                java.util.UUID.randomUUID(), dev.aikagi.core.session.SessionTokens.hash(token), account, List.of("pwd"),
                dev.aikagi.core.session.AssuranceLevel.AAL1, now, now, now, dev.aikagi.core.session.Session.Kind.BROWSER));
        return token;
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
