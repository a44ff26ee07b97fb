package dev.aikagi.server.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.DeliveryException;
import dev.aikagi.core.delivery.Message;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioGatewayTest {

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "test-auth-token-0123456789";
    private static final String FROM = "+15005550006";
    private static final String PATH = "/2010-04-01/Accounts/" + SID + "/Deliveries.json";
    private static final String PHONE = "+819012345678";
    private static final String BODY = "Aikagi の確認コード: 480213 (10 分間有効) & more=yes";

    private TwilioGateway gateway;

    private TwilioGateway gateway(Duration read) {
        gateway = new TwilioGateway(URI.create(twilio.baseUrl()), SID, TOKEN, FROM, Duration.ofSeconds(2), read);
        return gateway;
    }

    private TwilioGateway gateway() {
        return gateway(Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static Message sms() {
        return new Message(UUID.randomUUID(), Channel.SMS, PHONE, "", BODY, null, "login_code",
                Instant.parse("2026-05-01T09:00:00Z"));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void deliverWhenCreatedThenOneFormPostWithBasicAuthToTheAccountsMessagesPath() throws Exception {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"queued\"}")));

        gateway().deliver(sms());

        twilio.verify(exactly(1), postRequestedFor(urlEqualTo(PATH))
                .withBasicAuth(new BasicCredentials(SID, TOKEN))
                .withHeader("Authorization", equalTo("Basic "
                        + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8))))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo(PHONE))
                .withFormParam("From", equalTo(FROM))
                .withFormParam("Body", equalTo(BODY))
                .withRequestBody(equalTo("To=" + encoded(PHONE) + "&From=" + encoded(FROM) + "&Body=" + encoded(BODY))));
        // Percent-encoded UTF-8, so "+" in the number and "&" in the text survive.
        String raw = twilio.findAll(postRequestedFor(urlEqualTo(PATH))).getFirst().getBodyAsString();
        assertThat(raw).startsWith("To=%2B819012345678&From=%2B15005550006&Body=Aikagi+%E3%81%AE")
                .contains("%26+more%3Dyes");
    }

    @Test
    void deliverWhenOkThenAccepted() throws Exception {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(200)));

        gateway().deliver(sms());

        twilio.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void deliverWhenInvalidNumberThenNotRetryableWithTwilioCodeButNotTheNumber() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":21211,\"message\":\"The 'To' number " + PHONE + " is not a valid phone number.\","
                        + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> gateway().deliver(sms()));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Twilio answered HTTP 400 (Twilio error 21211)")
                .doesNotContain(PHONE).doesNotContain("480213");
        twilio.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404})
    void deliverWhenOtherClientErrorThenNotRetryable(int status) {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(status).withBody("not json")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> gateway().deliver(sms()));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Twilio answered HTTP " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 503})
    void deliverWhenUnavailableThenRetryableAfterOneRequest(int status) {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":" + status + "}")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> gateway().deliver(sms()));

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).startsWith("Twilio answered HTTP " + status);
        twilio.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void deliverWhenTwilioSlowThenRetryableWithinBoundedTime() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withFixedDelay(2_000)));
        TwilioGateway quick = gateway(Duration.ofMillis(300));

        long start = System.nanoTime();
        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> quick.deliver(sms()));

        assertThat(e.retryable()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void deliverWhenEmailThenRefusedWithoutARequest() {
        Message email = new Message(UUID.randomUUID(), Channel.EMAIL, "taro@example.jp", "Subject", "Body", null,
                "login_code", Instant.parse("2026-05-01T09:00:00Z"));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> gateway().deliver(email));

        assertThat(e.retryable()).isFalse();
        twilio.verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void constructWhenAccountSidMalformedThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TwilioGateway(URI.create(twilio.baseUrl()),
                "not-a-sid", TOKEN, FROM, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .withMessageContaining("accountSid");
    }
}
