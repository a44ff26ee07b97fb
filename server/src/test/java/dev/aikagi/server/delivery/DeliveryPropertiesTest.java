package dev.aikagi.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.delivery.DeliveryProperties.EmailGateway;
import dev.aikagi.server.delivery.DeliveryProperties.SmsGateway;
import dev.aikagi.server.properties.AikagiProperties.Mode;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryPropertiesTest {

    private static final String SECRET = "whsec_0123456789abcdef0123456789abcdef";
    private static final String SID = "AC0123456789abcdef0123456789abcdef";

    private static DeliveryProperties properties(SmsGateway sms, EmailGateway email, DeliveryProperties.Webhook webhook,
                                                 DeliveryProperties.Twilio twilio, DeliveryProperties.Smtp smtp) {
        return new DeliveryProperties(sms, email, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2),
                webhook, twilio, smtp);
    }

    private static DeliveryProperties defaults() {
        return properties(SmsGateway.OUTBOX, EmailGateway.OUTBOX, new DeliveryProperties.Webhook(null, null),
                new DeliveryProperties.Twilio(null, null, null, URI.create("https://api.twilio.com")),
                new DeliveryProperties.Smtp(null));
    }

    @Test
    void problemsWhenDefaultsThenNone() {
        assertThat(defaults().problems(false)).isEmpty();
        assertThat(defaults().usesOutbox()).isTrue();
    }

    @Test
    void problemsWhenWebhookChosenWithoutUrlOrSecretThenOneLineEach() {
        DeliveryProperties p = properties(SmsGateway.WEBHOOK, EmailGateway.OUTBOX,
                new DeliveryProperties.Webhook(null, null), defaults().twilio(), defaults().smtp());

        assertThat(p.problems(false)).containsExactly(
                "aikagi.delivery.webhook.url: must be set when aikagi.delivery.sms is webhook",
                "aikagi.delivery.webhook.secret: must be set when aikagi.delivery.sms is webhook");
    }

    @Test
    void problemsWhenWebhookUrlRelativeAndSecretShortThenBothNamed() {
        DeliveryProperties p = properties(SmsGateway.OUTBOX, EmailGateway.WEBHOOK,
                new DeliveryProperties.Webhook(URI.create("/hook"), "short"), defaults().twilio(), defaults().smtp());

        assertThat(p.problems(false)).containsExactly(
                "aikagi.delivery.webhook.url: must be an absolute http:// or https:// address, is '/hook'",
                "aikagi.delivery.webhook.secret: must be at least 32 characters, is 5");
    }

    @Test
    void problemsWhenTwilioChosenWithoutValuesThenOneLineEach() {
        DeliveryProperties p = properties(SmsGateway.TWILIO, EmailGateway.OUTBOX, defaults().webhook(),
                new DeliveryProperties.Twilio(null, "", null, URI.create("https://api.twilio.com")), defaults().smtp());

        assertThat(p.problems(false)).containsExactly(
                "aikagi.delivery.twilio.account-sid: must be set when aikagi.delivery.sms is twilio",
                "aikagi.delivery.twilio.auth-token: must be set when aikagi.delivery.sms is twilio",
                "aikagi.delivery.twilio.from-number: must be set when aikagi.delivery.sms is twilio");
    }

    @Test
    void problemsWhenTwilioSidMalformedThenNamed() {
        DeliveryProperties p = properties(SmsGateway.TWILIO, EmailGateway.OUTBOX, defaults().webhook(),
                new DeliveryProperties.Twilio("SK123", "token", "+15005550006", URI.create("https://api.twilio.com")),
                defaults().smtp());

        assertThat(p.problems(false)).containsExactly(
                "aikagi.delivery.twilio.account-sid: must be 'AC' and 32 hex digits, is 'SK123'");
        assertThat(properties(SmsGateway.TWILIO, EmailGateway.OUTBOX, defaults().webhook(),
                new DeliveryProperties.Twilio(SID, "token", "+15005550006", URI.create("https://api.twilio.com")),
                defaults().smtp()).problems(false)).isEmpty();
    }

    @Test
    void problemsWhenSmtpChosenWithoutMailHostOrFromThenBothNamed() {
        DeliveryProperties p = properties(SmsGateway.OUTBOX, EmailGateway.SMTP, defaults().webhook(), defaults().twilio(),
                new DeliveryProperties.Smtp(null));

        assertThat(p.problems(false)).containsExactly(
                "spring.mail.host: must be set when aikagi.delivery.email is smtp",
                "aikagi.delivery.smtp.from: must be set when aikagi.delivery.email is smtp");
        DeliveryProperties named = properties(SmsGateway.OUTBOX, EmailGateway.SMTP, defaults().webhook(),
                defaults().twilio(), new DeliveryProperties.Smtp("Aikagi <no-reply@example.jp>"));
        assertThat(named.problems(true)).isEmpty();
        assertThat(properties(SmsGateway.OUTBOX, EmailGateway.SMTP, defaults().webhook(), defaults().twilio(),
                new DeliveryProperties.Smtp("no reply")).problems(true))
                .containsExactly("aikagi.delivery.smtp.from: is not an email address: 'no reply'");
    }

    @Test
    void problemsWhenTimeoutsExceedTheSendBudgetThenNamed() {
        DeliveryProperties p = new DeliveryProperties(SmsGateway.OUTBOX, EmailGateway.OUTBOX, Duration.ofSeconds(20),
                Duration.ofSeconds(20), Duration.ofSeconds(2), defaults().webhook(), defaults().twilio(), defaults().smtp());

        assertThat(p.problems(false)).containsExactly(
                "aikagi.delivery.connect-timeout + read-timeout: must be at most 30s together, are 40000 ms");
    }

    @Test
    void productionProblemsWhenOutboxInProductionThenOnePerChannel() {
        assertThat(defaults().productionProblems(Mode.DEVELOPMENT)).isEmpty();
        assertThat(defaults().productionProblems(Mode.PRODUCTION)).containsExactly(
                "aikagi.delivery.sms: outbox is for development only: in production choose webhook or twilio",
                "aikagi.delivery.email: outbox is for development only: in production choose smtp or webhook");
    }

    @Test
    void toStringWhenSecretsSetThenMasked() {
        DeliveryProperties p = properties(SmsGateway.WEBHOOK, EmailGateway.WEBHOOK,
                new DeliveryProperties.Webhook(URI.create("https://user:pw@hooks.example.jp/in?token=abc"), SECRET),
                new DeliveryProperties.Twilio(SID, "twilio-token-value", "+15005550006", URI.create("https://api.twilio.com")),
                defaults().smtp());

        assertThat(p.toString()).doesNotContain(SECRET).doesNotContain("twilio-token-value").doesNotContain("pw@")
                .doesNotContain("token=abc");
        assertThat(p.describe()).doesNotContain(SECRET).doesNotContain("token=abc")
                .contains("sms via webhook", "email via webhook", "https://hooks.example.jp/in");
    }
}
