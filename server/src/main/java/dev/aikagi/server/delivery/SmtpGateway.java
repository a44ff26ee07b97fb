package dev.aikagi.server.delivery;

import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.DeliveryException;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.delivery.MessageGateway;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends email through an SMTP server with Spring's {@link JavaMailSender} (configured by Spring Boot from
 * {@code spring.mail.*}): plain text, UTF-8, one message per {@link #deliver} call; the queue retries.
 *
 * <p>What is retried: the server could not be reached or timed out, or answered with a transient 4xx reply
 * (greylisting, a full mailbox queue). What is final: the credentials were refused, an address does not
 * parse, or the server answered with a permanent 5xx reply (no such mailbox). Error texts name the failure
 * and the SMTP reply code, never the recipient or the server's reply text, which usually quotes the address.
 */
public final class SmtpGateway implements MessageGateway {

    /** The reply code at the start of an SMTP server's answer, as Jakarta Mail puts it in its exceptions. */
    private static final Pattern REPLY_CODE = Pattern.compile("^([245])\\d\\d\\b");

    private final JavaMailSender sender;
    private final InternetAddress from;

    /** @param from the sender, such as {@code Aikagi <no-reply@example.com>} */
    public SmtpGateway(JavaMailSender sender, String from) {
        this.sender = Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(from, "from");
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("from is not an email address", e);
        }
    }

    @Override
    public void deliver(Message message) throws DeliveryException {
        Objects.requireNonNull(message, "message");
        if (message.channel() != Channel.EMAIL) {
            throw new DeliveryException("SMTP sends email only, not " + message.channel().value(), false);
        }
        MimeMessage mime;
        try {
            mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(new InternetAddress(message.to(), true));
            helper.setSubject(message.subject());
            helper.setText(message.body(), false);
            // RFC 3834: an automatic message; auto-responders should not answer it.
            mime.setHeader("Auto-Submitted", "auto-generated");
        } catch (AddressException e) {
            throw new DeliveryException("recipient is not an email address", false);
        } catch (MessagingException e) {
            throw new DeliveryException("mail could not be composed (" + e.getClass().getSimpleName() + ")", false);
        }
        try {
            sender.send(mime);
        } catch (MailException e) {
            throw translate(e);
        }
    }

    @Override
    public String toString() {
        return "SmtpGateway[from " + from.getAddress() + "]";
    }

    /** Sorts a failure to send into retryable or not, with a text that quotes neither address nor content. */
    static DeliveryException translate(MailException e) {
        if (e instanceof MailAuthenticationException) {
            return new DeliveryException("SMTP server refused the credentials", false);
        }
        if (e instanceof MailParseException || e instanceof MailPreparationException) {
            return new DeliveryException("mail could not be composed (" + e.getClass().getSimpleName() + ")", false);
        }
        List<Throwable> causes = causes(e);
        for (Throwable cause : causes) {
            if (cause instanceof AuthenticationFailedException) {
                return new DeliveryException("SMTP server refused the credentials", false);
            }
        }
        for (Throwable cause : causes) {
            Optional<Integer> reply = replyCode(cause);
            if (reply.isPresent()) {
                // 4xx: "try again later"; 5xx: permanent (RFC 5321 §4.2.1).
                return new DeliveryException("SMTP server refused the message (reply " + reply.get() + ")",
                        reply.get() < 500);
            }
        }
        for (Throwable cause : causes) {
            if (cause instanceof IOException) {
                return new DeliveryException("SMTP server unreachable (" + cause.getClass().getSimpleName() + ")", true);
            }
        }
        for (Throwable cause : causes) {
            if (cause instanceof SendFailedException) {
                // Refused without a reply code we can read: an address the server would not take.
                return new DeliveryException("SMTP server refused the message (" + cause.getClass().getSimpleName() + ")", false);
            }
        }
        // A connection that broke in some other way: worth another try.
        return new DeliveryException("SMTP send failed (" + e.getClass().getSimpleName() + ")", true);
    }

    /** The SMTP reply code of an exception Jakarta Mail made from a server's answer. */
    private static Optional<Integer> replyCode(Throwable cause) {
        if (!(cause instanceof MessagingException) || cause.getMessage() == null) {
            return Optional.empty();
        }
        Matcher m = REPLY_CODE.matcher(cause.getMessage().strip());
        if (!m.find()) {
            return Optional.empty();
        }
        int code = Integer.parseInt(m.group().substring(0, 3));
        return code >= 400 ? Optional.of(code) : Optional.empty();
    }

    /** The exception, its causes, Jakarta Mail's chained "next" exceptions and Spring's per-message ones. */
    private static List<Throwable> causes(MailException e) {
        // Breadth-first, so the outermost explanation comes first.
        List<Throwable> found = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(e);
        if (e instanceof MailSendException send) {
            todo.addAll(Arrays.asList(send.getMessageExceptions()));
        }
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            found.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof MessagingException m && m.getNextException() != null) {
                todo.add(m.getNextException());
            }
        }
        return found;
    }
}
