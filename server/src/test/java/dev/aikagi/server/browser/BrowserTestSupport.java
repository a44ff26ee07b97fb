package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.aikagi.testkit.Chromium;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One running server per browser test class, started only when Chromium is there (or failing in CI). A class
 * whose journey reads email declares its own {@code static void start()} (hiding this one) that calls
 * {@link #startWithMail}.
 */
abstract class BrowserTestSupport {

    private static final Pattern SIX_DIGITS = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");

    @TempDir
    static Path dataDir;
    static BrowserServer server;
    static GreenMail smtp;

    @BeforeAll
    static void start() {
        Chromium.requireInstalled();
        server = BrowserServer.start(dataDir);
    }

    /** The server sending its email through GreenMail's SMTP ({@link #smtp}), with {@code arguments} besides. */
    static void startWithMail(String... arguments) {
        Chromium.requireInstalled();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        List<String> all = new ArrayList<>(List.of(
                "--aikagi.delivery.email=smtp",
                "--aikagi.delivery.smtp.from=security@aikagi.test",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.getSmtp().getPort(),
                // GreenMail's test SMTP has no TLS; production keeps STARTTLS required.
                "--spring.mail.properties.mail.smtp.starttls.enable=false",
                "--spring.mail.properties.mail.smtp.starttls.required=false"));
        all.addAll(List.of(arguments));
        server = BrowserServer.start(dataDir, all.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    /** The 6-digit code in a message. */
    static String code(String text) {
        Matcher m = SIX_DIGITS.matcher(text);
        assertThat(m.find()).as("a 6-digit code in: %s", text).isTrue();
        return m.group(1);
    }

    /** Waits (bounded: notices go out off the request's thread) for a new mail to {@code to} matching the test. */
    static MimeMessage awaitMail(String to, int seenBefore, Predicate<MimeMessage> test) {
        Supplier<Optional<MimeMessage>> find = () -> Arrays.stream(smtp.getReceivedMessages())
                .skip(seenBefore).filter(m -> recipient(m).equals(to)).filter(test).findFirst();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> find.get().isPresent());
        return find.get().orElseThrow();
    }

    static String recipient(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
