package dev.aikagi.server.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.aikagi.core.MutableClock;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.DeliveryException;
import dev.aikagi.core.delivery.DeliveryState;
import dev.aikagi.core.delivery.DeliveryText;
import dev.aikagi.core.delivery.InMemoryMessageQueue;
import dev.aikagi.core.delivery.Message;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookGatewayTest {

    @RegisterExtension
    static WireMockExtension hook = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String PATH = "/hooks/aikagi";
    private static final String SECRET = "whsec_0123456789abcdef0123456789abcdef";
    private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");
    private static final String PHONE = "+819012345678";
    private static final String BODY = "Aikagi の確認コード: 480213 (10 分間有効)";
    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

    private final MutableClock clock = new MutableClock(T0);
    private WebhookGateway gateway;

    private WebhookGateway gateway(Duration connect, Duration read) {
        gateway = new WebhookGateway(URI.create(hook.baseUrl() + PATH), SECRET, connect, read, clock);
        return gateway;
    }

    private WebhookGateway gateway() {
        return gateway(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static Message sms() {
        return new Message(UUID.fromString("0b7e5a52-3c1d-4f7e-9a4b-6c2d8e1f0a93"), Channel.SMS, PHONE, "", BODY,
                new AccountId(UUID.fromString("00000000-0000-4000-8000-0000000000bb")), "login_code",
                Instant.parse("2026-05-01T08:59:58Z"));
    }

    /** The receiver's side, written from the class documentation rather than from the gateway's code. */
    private static String expectedSignature(String t, byte[] rawBody) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signed = new byte[t.length() + 1 + rawBody.length];
        System.arraycopy((t + ".").getBytes(StandardCharsets.US_ASCII), 0, signed, 0, t.length() + 1);
        System.arraycopy(rawBody, 0, signed, t.length() + 1, rawBody.length);
        return HexFormat.of().formatHex(mac.doFinal(signed));
    }

    @Test
    void deliverWhenAcceptedThenOnePostWithExactJsonAndHeaders() throws Exception {
        hook.stubFor(post(PATH).willReturn(aResponse().withStatus(204)));

        gateway().deliver(sms());

        hook.verify(exactly(1), postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Aikagi-Message-Id", equalTo("0b7e5a52-3c1d-4f7e-9a4b-6c2d8e1f0a93")));
        LoggedRequest request = hook.findAll(postRequestedFor(urlEqualTo(PATH))).getFirst();
        assertThat(request.getBodyAsString()).isEqualTo("{\"id\":\"0b7e5a52-3c1d-4f7e-9a4b-6c2d8e1f0a93\","
                + "\"channel\":\"sms\",\"to\":\"+819012345678\",\"subject\":\"\","
                + "\"body\":\"Aikagi の確認コード: 480213 (10 分間有効)\",\"kind\":\"login_code\","
                + "\"createdAt\":\"2026-05-01T08:59:58Z\"}");
    }

    @Test
    void deliverWhenSignedThenReceiverRecomputesTheHmacOverTimestampAndExactBody() throws Exception {
        hook.stubFor(post(PATH).willReturn(aResponse().withStatus(200)));

        gateway().deliver(sms());

        LoggedRequest request = hook.findAll(postRequestedFor(urlEqualTo(PATH))).getFirst();
        Matcher m = SIGNATURE.matcher(request.getHeader("Aikagi-Signature"));
        assertThat(m.matches()).as("header %s", request.getHeader("Aikagi-Signature")).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(T0.getEpochSecond());
        assertThat(m.group(2)).isEqualTo(expectedSignature(m.group(1), request.getBody()));
        // Another secret, or a body changed by one byte, does not verify.
        byte[] tampered = request.getBody().clone();
        tampered[tampered.length - 3] ^= 1;
        assertThat(m.group(2)).isNotEqualTo(expectedSignature(m.group(1), tampered));
    }

    @Test
    void standardSignatureWhenSpecificationTestVectorThenTheSpecificationsSignature() {
        // The Standard Webhooks specification's published test vector.
        WebhookGateway vector = new WebhookGateway(URI.create(hook.baseUrl() + PATH),
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", Duration.ofSeconds(1), Duration.ofSeconds(1), clock);
        try {
            assertThat(vector.standardSignature("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                    "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        } finally {
            vector.close();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void deliverWhenReceivedThenThePublishedStandardWebhooksLibraryVerifiesIt(boolean whsecForm) throws Exception {
        hook.stubFor(post(PATH).willReturn(aResponse().withStatus(200)));
        clock.set(Instant.now()); // the library compares the timestamp with its own clock
        String secret = whsecForm ? SECRET : "a plain secret of thirty-two chars!";
        gateway = new WebhookGateway(URI.create(hook.baseUrl() + PATH), secret, Duration.ofSeconds(2),
                Duration.ofSeconds(5), clock);

        gateway.deliver(sms());

        LoggedRequest request = hook.findAll(postRequestedFor(urlEqualTo(PATH))).getFirst();
        assertThat(request.getHeader("webhook-id")).isEqualTo("0b7e5a52-3c1d-4f7e-9a4b-6c2d8e1f0a93");
        assertThat(request.getHeader("webhook-timestamp")).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(request.getHeader("Aikagi-Signature")).as("kept for one release").isNotBlank();
        Map<String, List<String>> headers = Map.of(
                "webhook-id", List.of(request.getHeader("webhook-id")),
                "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                "webhook-signature", List.of(request.getHeader("webhook-signature")));
        String libraryKey = whsecForm ? secret
                : "whsec_" + java.util.Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        com.standardwebhooks.Webhook receiver = new com.standardwebhooks.Webhook(libraryKey);
        receiver.verify(request.getBodyAsString(), headers);
        assertThatExceptionOfType(com.standardwebhooks.exceptions.WebhookVerificationException.class)
                .as("a changed body does not verify")
                .isThrownBy(() -> receiver.verify(request.getBodyAsString().replace("480213", "480214"), headers));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void deliverWhenTransientStatusThenRetryableAndNoContentInTheError(int status) {
        hook.stubFor(post(PATH).willReturn(aResponse().withStatus(status).withBody("echo: " + PHONE + " " + BODY)));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> gateway().deliver(sms()));

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("webhook answered HTTP " + status)
                .doesNotContain(PHONE).doesNotContain("480213").doesNotContain(hook.baseUrl());
        hook.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 400, 401, 403, 404, 410, 422})
    void deliverWhenOtherStatusThenNotRetryable(int status) {
        hook.stubFor(post(PATH).willReturn(aResponse().withStatus(status).withHeader("Location", "/elsewhere")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> gateway().deliver(sms()));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("webhook answered HTTP " + status);
        hook.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void deliverWhenAnswerSlowerThanReadTimeoutThenRetryableWithinBoundedTime() {
        // The answer comes after 10 s; the 300 ms read time-out must end the call long before (the bound leaves
        // room for a machine busy with other builds).
        hook.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
        WebhookGateway quick = gateway(Duration.ofMillis(300), Duration.ofMillis(300));

        long start = System.nanoTime();
        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> quick.deliver(sms()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).startsWith("webhook").contains("time").doesNotContain(PHONE);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        hook.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void deliverWhenNothingListensThenRetryable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        WebhookGateway nowhere = new WebhookGateway(URI.create("http://127.0.0.1:" + port + PATH), SECRET,
                Duration.ofMillis(500), Duration.ofMillis(500), clock);
        try (nowhere) {
            DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> nowhere.deliver(sms()));

            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).startsWith("webhook unreachable").doesNotContain(Integer.toString(port));
        }
    }

    /**
     * The gateway tries once per call and the queue paces the retries: an endpoint failing twice sees three
     * requests in all, however often the dispatcher runs in between.
     */
    @Test
    void dispatchWhenEndpointFailsTwiceThenThreeRequestsPacedByTheBackOffAndNoRetryStorm() {
        hook.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed once"));
        hook.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed twice"));
        hook.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(200)));
        SecretGenerator generator = TestSecrets.generator(7);
        InMemoryMessageQueue queue = new InMemoryMessageQueue();
        Deliveries messages = new Deliveries(queue, Map.of(Channel.SMS, gateway()),
                new SecretCipher(TestSecrets.keyRing("e1"), generator), generator, clock);
        UUID id = messages.enqueue(Channel.SMS, PHONE, new DeliveryText("", BODY), null, "login_code",
                Duration.ofMinutes(10));

        for (int i = 0; i < 5; i++) {
            messages.dispatchDue(50);
        }
        hook.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));

        clock.advance(Deliveries.retryDelay(1).minusSeconds(1));
        messages.dispatchDue(50);
        hook.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            messages.dispatchDue(50);
        }
        hook.verify(exactly(2), postRequestedFor(urlEqualTo(PATH)));

        clock.advance(Deliveries.retryDelay(2));
        for (int i = 0; i < 5; i++) {
            messages.dispatchDue(50);
        }
        hook.verify(exactly(3), postRequestedFor(urlEqualTo(PATH)));
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(DeliveryState.SENT);

        clock.advance(Duration.ofMinutes(30));
        messages.dispatchDue(50);
        hook.verify(exactly(3), postRequestedFor(urlEqualTo(PATH)));
        // Every attempt carries the same id, so the receiver can drop a duplicate.
        List<String> ids = hook.findAll(postRequestedFor(urlEqualTo(PATH))).stream()
                .map(r -> r.getHeader("Aikagi-Message-Id")).distinct().toList();
        assertThat(ids).containsExactly(id.toString());
    }

    @Test
    void constructWhenArgumentMissingThenNamesIt() {
        URI url = URI.create("http://127.0.0.1/hook");
        Duration second = Duration.ofSeconds(1);
        assertThatNullPointerException().isThrownBy(() -> new WebhookGateway(null, SECRET, second, second, clock))
                .withMessage("url");
        assertThatNullPointerException().isThrownBy(() -> new WebhookGateway(url, null, second, second, clock))
                .withMessage("secret");
        assertThatNullPointerException().isThrownBy(() -> new WebhookGateway(url, SECRET, second, second, null))
                .withMessage("clock");
    }
}
