package dev.aikagi.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.DeliveryException;
import dev.aikagi.core.delivery.Message;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class SmtpGatewayTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final String FROM = "Aikagi <no-reply@aikagi.test>";
    private static final String TO = "taro@example.jp";
    private static final String SUBJECT = "Aikagi ログイン確認コード";
    private static final String BODY = "確認コード: 480213\r\nこのコードは 30 分間有効です。";

    private static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.connectiontimeout", "2000");
        properties.setProperty("mail.smtp.timeout", "2000");
        properties.setProperty("mail.smtp.writetimeout", "2000");
        sender.setJavaMailProperties(properties);
        return sender;
    }

    private static Message email(String to) {
        return new Message(UUID.randomUUID(), Channel.EMAIL, to, SUBJECT, BODY, null, "email_code",
                Instant.parse("2026-05-01T09:00:00Z"));
    }

    @Test
    void deliverWhenServerUpThenJapaneseSubjectAndBodyArriveIntactFromAndToRight() throws Exception {
        SmtpGateway gateway = new SmtpGateway(sender(smtp.getSmtp().getPort()), FROM);

        gateway.deliver(email(TO));

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo(SUBJECT);
        assertThat(((String) mail.getContent()).strip()).isEqualTo(BODY);
        assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(mail.getFrom()).containsExactly(new InternetAddress(FROM));
        assertThat(mail.getRecipients(jakarta.mail.Message.RecipientType.TO)).containsExactly(new InternetAddress(TO));
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    }

    @Test
    void deliverWhenNothingListensThenRetryableQuickly() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SmtpGateway gateway = new SmtpGateway(sender(port), FROM);

        long start = System.nanoTime();
        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> gateway.deliver(email(TO)));

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).startsWith("SMTP server unreachable").doesNotContain(TO);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void deliverWhenRecipientNotAnAddressThenNotRetryableAndNotQuoted() {
        SmtpGateway gateway = new SmtpGateway(sender(smtp.getSmtp().getPort()), FROM);

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> gateway.deliver(email("taro@@example")));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).doesNotContain("taro");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void deliverWhenSmsThenRefused() {
        SmtpGateway gateway = new SmtpGateway(sender(smtp.getSmtp().getPort()), FROM);
        Message sms = new Message(UUID.randomUUID(), Channel.SMS, "+819012345678", "", "480213", null, "login_code",
                Instant.parse("2026-05-01T09:00:00Z"));

        assertThat(catchThrowableOfType(DeliveryException.class, () -> gateway.deliver(sms)).retryable()).isFalse();
    }

    @Test
    void translateWhenCredentialsRefusedThenNotRetryable() {
        DeliveryException e = SmtpGateway.translate(new MailAuthenticationException("535 5.7.8 bad credentials"));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("SMTP server refused the credentials");
        assertThat(SmtpGateway.translate(new MailSendException("failed",
                new AuthenticationFailedException("535 nope"))).retryable()).isFalse();
    }

    /** How Jakarta Mail reports a refused recipient: the server's reply, which quotes the address, as the text. */
    @ParameterizedTest
    @CsvSource({
            "'550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown', false, 550",
            "'553 5.7.1 <taro@example.jp>: Sender address rejected', false, 553",
            "'450 4.2.0 <taro@example.jp>: Recipient address rejected: Greylisted', true, 450",
            "'421 4.7.0 Try again later, closing connection', true, 421"})
    void translateWhenServerRepliesThenRetryableOnlyOn4xxAndAddressNotQuoted(String reply, boolean retryable, int code) {
        SendFailedException refused = new SendFailedException("Invalid Addresses",
                new SendFailedException(reply));
        MailSendException failure = new MailSendException(Map.of(new Object(), refused));

        DeliveryException e = SmtpGateway.translate(failure);

        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).isEqualTo("SMTP server refused the message (reply " + code + ")").doesNotContain(TO);
    }

    @Test
    void translateWhenConnectionFailedThenRetryable() {
        MailSendException failure = new MailSendException("Mail server connection failed",
                new MessagingException("Couldn't connect to host, port: smtp.example.jp, 587", new ConnectException("refused")));

        DeliveryException e = SmtpGateway.translate(failure);

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("SMTP server unreachable (ConnectException)");
    }
}
