package dev.aikagi.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.SecretUnavailableException;
import dev.aikagi.core.crypto.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveriesTest {

    private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");
    private static final String PHONE = "+819012345678";
    private static final String CODE = "480213";
    private static final DeliveryText TEXT = new DeliveryText("", "Aikagi のコード: " + CODE + " (10 分間有効)");
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private static final DeliveryException UNAVAILABLE = new DeliveryException("HTTP 503", true);

    private final AccountId account = new AccountId(UUID.fromString("00000000-0000-4000-8000-0000000000bb"));
    private final MutableClock clock = new MutableClock(T0);
    private final SecretGenerator generator = TestSecrets.generator(11);
    private final SecretCipher cipher = new SecretCipher(TestSecrets.keyRing("e1"), generator);
    private final InMemoryMessageQueue queue = new InMemoryMessageQueue();
    private final RecordingGateway sms = new RecordingGateway();
    private final RecordingGateway email = new RecordingGateway();
    private final Deliveries messages = new Deliveries(queue, Map.of(Channel.SMS, sms, Channel.EMAIL, email), cipher,
            generator, clock);

    @Test
    void enqueueWhenCalledThenPendingDueNowAndExpiringAfterTheLifetime() {
        UUID id = messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);

        QueuedMessage queued = queue.find(id).orElseThrow();
        assertThat(queued.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(queued.attempts()).isZero();
        assertThat(queued.createdAt()).isEqualTo(T0);
        assertThat(queued.nextAttemptAt()).isEqualTo(T0);
        assertThat(queued.expiresAt()).isEqualTo(T0.plus(TEN_MINUTES));
        assertThat(queued.claimedUntil()).isNull();
        assertThat(queued.recipient()).isEqualTo(PHONE);
        assertThat(queued.accountId()).isEqualTo(account);
        assertThat(queued.kind()).isEqualTo("login_code");
        assertThat(sms.calls()).as("enqueue alone sends nothing").isEmpty();
    }

    @Test
    void enqueueWhenStoredThenBodySealedToItsIdAndNotInClearText() {
        UUID id = messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);
        UUID other = messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);

        String sealed = queue.find(id).orElseThrow().sealedBody();
        assertThat(sealed).doesNotContain(CODE).doesNotContain("Aikagi").startsWith("e1:");
        assertThat(new String(cipher.open(sealed, id.toString()), StandardCharsets.UTF_8)).isEqualTo(TEXT.body());
        assertThat(queue.find(other).orElseThrow().sealedBody()).as("fresh nonce each time").isNotEqualTo(sealed);
        // Copied to another row, the body no longer opens.
        assertThatThrownBy(() -> cipher.open(sealed, other.toString())).isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void enqueueWhenNoGatewayForTheChannelThenIllegalArgument() {
        Deliveries smsOnly = new Deliveries(queue, Map.of(Channel.SMS, sms), cipher, generator, clock);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> smsOnly.enqueue(Channel.EMAIL, "a@example.jp", TEXT, account, "verify_email", TEN_MINUTES))
                .withMessage("no gateway sends email messages");
        assertThat(queue.all()).isEmpty();
    }

    @Test
    void enqueueWhenLifetimeNotPositiveThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", Duration.ZERO));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", Duration.ofSeconds(-1)));
    }

    @Test
    void enqueueWhenValueLongerThanTheQueueHoldsThenRefusedWithoutQuotingIt() {
        String longAddress = "a".repeat(316) + "@x.jp";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> messages.enqueue(Channel.EMAIL, longAddress, TEXT, account, "alert", TEN_MINUTES))
                .withMessage("recipient is too long: 321 characters, at most 320")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("@x.jp"));
        assertThatIllegalArgumentException().isThrownBy(() -> messages.enqueue(Channel.EMAIL, "a@x.jp",
                new DeliveryText("s".repeat(513), "body"), account, "alert", TEN_MINUTES));
        assertThatIllegalArgumentException().isThrownBy(() -> messages.enqueue(Channel.EMAIL, "a@x.jp",
                new DeliveryText("", "本".repeat(4_000)), account, "alert", TEN_MINUTES))
                .withMessageStartingWith("body is too long");
        assertThat(queue.all()).isEmpty();
    }

    @Test
    void sendNowWhenGatewayAcceptsThenSentAndTheGatewayGotTheClearText() {
        UUID id = messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);
        clock.advance(Duration.ofSeconds(2));

        assertThat(messages.sendNow(id)).isEqualTo(DeliveryOutcome.SENT);

        assertThat(sms.calls()).containsExactly(
                new Message(id, Channel.SMS, PHONE, "", TEXT.body(), account, "login_code", T0));
        QueuedMessage sent = queue.find(id).orElseThrow();
        assertThat(sent.state()).isEqualTo(DeliveryState.SENT);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.sentAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(email.calls()).isEmpty();
    }

    @Test
    void sendWhenEmailThenEmailGatewayGetsSubjectAndBody() {
        DeliveryText text = new DeliveryText("新しいログイン", "Aikagi に新しいブラウザからログインがありました。");

        Deliveries.Sent sent = messages.send(Channel.EMAIL, "hanako@example.jp", text, null, "alert.new_device",
                Duration.ofHours(24));

        assertThat(sent.outcome()).isEqualTo(DeliveryOutcome.SENT);
        assertThat(email.calls()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(sent.id());
            assertThat(m.subject()).isEqualTo("新しいログイン");
            assertThat(m.body()).isEqualTo(text.body());
            assertThat(m.accountId()).isNull();
        });
        assertThat(sms.calls()).isEmpty();
    }

    @Test
    void sendNowWhenRetryableFailureThenRetryingAfterThirtySeconds() {
        sms.thenFail(UNAVAILABLE);
        UUID id = messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);

        assertThat(messages.sendNow(id)).isEqualTo(DeliveryOutcome.RETRYING);

        QueuedMessage pending = queue.find(id).orElseThrow();
        assertThat(pending.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(pending.attempts()).isEqualTo(1);
        assertThat(pending.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(pending.lastError()).isEqualTo("HTTP 503");
        assertThat(pending.claimedUntil()).isNull();
    }

    @Test
    void dispatchDueWhenGatewayKeepsFailingThenBacksOffExponentiallyAndGivesUpAfterEightAttempts() {
        sms.failAlways(UNAVAILABLE);
        UUID id = messages.enqueue(Channel.SMS, PHONE, TEXT, account, "alert.new_device", Duration.ofHours(24));
        List<Long> pauses = new ArrayList<>();

        assertThat(messages.dispatchDue(50)).isEqualTo(1);
        for (int attempt = 1; attempt < Deliveries.MAX_ATTEMPTS; attempt++) {
            Instant next = queue.find(id).orElseThrow().nextAttemptAt();
            pauses.add(Duration.between(clock.instant(), next).toSeconds());
            clock.set(next.minusMillis(1));
            assertThat(messages.dispatchDue(50)).as("not before it is due (attempt %d)", attempt).isZero();
            clock.set(next);
            assertThat(messages.dispatchDue(50)).isEqualTo(1);
        }

        assertThat(pauses).containsExactly(30L, 60L, 120L, 240L, 480L, 960L, 1800L);
        QueuedMessage failed = queue.find(id).orElseThrow();
        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(failed.attempts()).isEqualTo(8);
        assertThat(failed.lastError()).isEqualTo("HTTP 503 (8 attempts)");
        assertThat(sms.calls()).hasSize(8);
        clock.advance(Duration.ofDays(1));
        assertThat(messages.dispatchDue(50)).isZero();
        assertThat(sms.calls()).hasSize(8);
    }

    @ParameterizedTest
    @CsvSource({"1, 30", "2, 60", "3, 120", "4, 240", "5, 480", "6, 960", "7, 1800", "8, 1800", "64, 1800",
            "2147483647, 1800"})
    void retryDelayWhenAttemptsFailedThenDoublesFromThirtySecondsUpToThirtyMinutes(int attempts, long seconds) {
        assertThat(Deliveries.retryDelay(attempts)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void retryDelayWhenNoAttemptThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> Deliveries.retryDelay(0));
    }

    @Test
    void dispatchDueWhenNextAttemptWouldComeAfterExpiryThenGivenUpAtOnce() {
        sms.failAlways(UNAVAILABLE);
        UUID id = messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);
        messages.sendNow(id);

        // Attempts at 0 s, 30 s, 90 s, 210 s and 450 s; the sixth would be at 930 s, after the 600 s lifetime.
        for (int attempt = 2; attempt <= 5; attempt++) {
            clock.set(queue.find(id).orElseThrow().nextAttemptAt());
            messages.dispatchDue(50);
        }

        QueuedMessage failed = queue.find(id).orElseThrow();
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(450));
        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(failed.attempts()).isEqualTo(5);
        assertThat(failed.lastError()).isEqualTo("HTTP 503 (expires before the next attempt)");
        assertThat(sms.calls()).hasSize(5);
    }

    @Test
    void sendNowWhenPermanentFailureThenFailedAndNeverRetried() {
        sms.thenFail(new DeliveryException("HTTP 400", false));
        UUID id = messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);

        assertThat(messages.sendNow(id)).isEqualTo(DeliveryOutcome.FAILED);

        QueuedMessage failed = queue.find(id).orElseThrow();
        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("HTTP 400");
        clock.advance(Duration.ofMinutes(5));
        assertThat(messages.dispatchDue(50)).isZero();
        assertThat(messages.sendNow(id)).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(sms.calls()).hasSize(1);
    }

    @Test
    void sendNowWhenGatewayThrowsUnexpectedlyThenRetryableAndItsTextNotKept() {
        sms.thenThrow(new IllegalStateException("cannot reach provider for " + PHONE + " with " + TEXT.body()));
        UUID id = messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);

        assertThat(messages.sendNow(id)).isEqualTo(DeliveryOutcome.RETRYING);

        QueuedMessage pending = queue.find(id).orElseThrow();
        assertThat(pending.lastError()).isEqualTo("unexpected java.lang.IllegalStateException");
        clock.set(pending.nextAttemptAt());
        assertThat(messages.dispatchDue(50)).isEqualTo(1);
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(DeliveryState.SENT);
    }

    @Test
    void sendNowWhenExpiredThenGivenUpWithoutAnAttempt() {
        UUID id = messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);
        clock.advance(TEN_MINUTES);

        assertThat(messages.sendNow(id)).isEqualTo(DeliveryOutcome.FAILED);

        QueuedMessage failed = queue.find(id).orElseThrow();
        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(failed.attempts()).isZero();
        assertThat(failed.lastError()).isEqualTo("expired before it could be sent");
        assertThat(sms.calls()).isEmpty();
    }

    @Test
    void dispatchDueWhenRetryExpiredMeanwhileThenGivenUpWithoutCallingTheGateway() {
        sms.thenFail(UNAVAILABLE);
        UUID id = messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);
        messages.sendNow(id);
        // The dispatcher was down (or the database) until after the message expired.
        clock.advance(Duration.ofMinutes(11));

        assertThat(messages.dispatchDue(50)).isEqualTo(1);

        QueuedMessage failed = queue.find(id).orElseThrow();
        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(sms.calls()).hasSize(1);
    }

    @Test
    void sendNowWhenSealedBodyCannotBeOpenedThenGivenUpWithoutAnAttempt() {
        // A body sealed with a key that was since removed from the configuration.
        SecretCipher retired = new SecretCipher(TestSecrets.keyRing("old"), generator);
        UUID id = UUID.randomUUID();
        queue.enqueue(TestQueuedMessages.queued().id(id).createdAt(T0).expiresAt(T0.plus(TEN_MINUTES))
                .sealedBody(retired.seal("x".getBytes(StandardCharsets.UTF_8), id.toString())).build());

        assertThat(messages.sendNow(id)).isEqualTo(DeliveryOutcome.FAILED);

        assertThat(queue.find(id).orElseThrow().lastError()).startsWith("body cannot be opened");
        assertThat(sms.calls()).isEmpty();
    }

    @Test
    void sendNowWhenAnotherNodeHoldsTheClaimThenBusyAndNotSent() {
        UUID id = messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);
        queue.claim(id, T0, Deliveries.LEASE).orElseThrow();

        assertThat(messages.sendNow(id)).isEqualTo(DeliveryOutcome.BUSY);
        assertThat(messages.dispatchDue(50)).isZero();
        assertThat(sms.calls()).isEmpty();

        // That node died: once its claim lapses, the message is sent, once.
        clock.advance(Deliveries.LEASE);
        assertThat(messages.dispatchDue(50)).isEqualTo(1);
        assertThat(messages.dispatchDue(50)).isZero();
        assertThat(sms.calls()).hasSize(1);
    }

    @Test
    void sendNowWhenCalledAgainWhileTheFirstIsSendingThenBusyAndSentOnce() {
        UUID id = messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);
        List<DeliveryOutcome> inner = new ArrayList<>();
        // A second caller (the dispatcher, another request) arrives while the gateway is busy.
        sms.during(m -> {
            inner.add(messages.sendNow(id));
            inner.add(messages.dispatchDue(50) == 0 ? DeliveryOutcome.BUSY : DeliveryOutcome.SENT);
        });

        assertThat(messages.sendNow(id)).isEqualTo(DeliveryOutcome.SENT);

        assertThat(inner).containsExactly(DeliveryOutcome.BUSY, DeliveryOutcome.BUSY);
        assertThat(sms.calls()).hasSize(1);
        assertThat(messages.sendNow(id)).as("already sent").isEqualTo(DeliveryOutcome.SENT);
        assertThat(sms.calls()).hasSize(1);
    }

    @Test
    void sendNowWhenUnknownIdThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> messages.sendNow(UUID.randomUUID()));
    }

    @Test
    void dispatchDueWhenMoreDueThanTheLimitThenOldestFirstAndTheRestNextRound() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES));
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(messages.dispatchDue(3)).isEqualTo(3);
        assertThat(sms.calls()).extracting(Message::id).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(messages.dispatchDue(3)).isEqualTo(2);
        assertThat(messages.dispatchDue(3)).isZero();
        assertThat(sms.calls()).extracting(Message::id).containsExactlyElementsOf(ids);
    }

    @Test
    void dispatchDueWhenFailingGatewayThenEachMessageTriedOncePerRound() {
        sms.failAlways(UNAVAILABLE);
        for (int i = 0; i < 20; i++) {
            messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);
        }

        assertThat(messages.dispatchDue(50)).isEqualTo(20);
        assertThat(sms.calls()).hasSize(20);
        clock.advance(Duration.ofSeconds(29));
        assertThat(messages.dispatchDue(50)).isZero();
        assertThat(sms.calls()).hasSize(20);
        clock.advance(Duration.ofSeconds(1));
        assertThat(messages.dispatchDue(50)).isEqualTo(20);
        assertThat(sms.calls()).hasSize(40);
    }

    @Test
    void dispatchDueWhenSlowGatewayUsesUpTheLeaseThenStopsAndLeavesTheRestUnattempted() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES));
            clock.advance(Duration.ofMillis(1));
        }
        Instant claimedAt = clock.instant();
        sms.during(m -> clock.advance(Duration.ofSeconds(20)));

        // Sent at 0 s and 20 s; at 40 s only 20 s of the 60 s lease remain, less than one call may take.
        assertThat(messages.dispatchDue(50)).isEqualTo(2);

        assertThat(ids.subList(2, 5)).allSatisfy(id -> {
            QueuedMessage left = queue.find(id).orElseThrow();
            assertThat(left.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(left.attempts()).isZero();
        });
        assertThat(messages.dispatchDue(50)).as("their claims still hold").isZero();
        clock.set(claimedAt.plus(Deliveries.LEASE));
        assertThat(messages.dispatchDue(1)).isEqualTo(1);
        assertThat(sms.calls()).extracting(Message::id).containsExactlyElementsOf(ids.subList(0, 3));
    }

    @Test
    void deliveryWhenLoggedThenNeitherBodyNorRecipientAppear() {
        List<String> lines = new ArrayList<>();
        Logger logger = Logger.getLogger(Deliveries.class.getName());
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                lines.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            sms.thenFail(UNAVAILABLE).thenThrow(new IllegalStateException(PHONE + " " + TEXT.body()))
                    .thenFail(new DeliveryException("HTTP 400", false));
            UUID first = messages.send(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES).id();
            clock.set(queue.find(first).orElseThrow().nextAttemptAt());
            messages.dispatchDue(50);
            clock.set(queue.find(first).orElseThrow().nextAttemptAt());
            messages.dispatchDue(50);
            messages.send(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);
            UUID expired = messages.enqueue(Channel.SMS, PHONE, TEXT, account, "login_code", TEN_MINUTES);
            clock.advance(TEN_MINUTES);
            messages.sendNow(expired);
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
        }

        synchronized (capture) {
            assertThat(lines).isNotEmpty()
                    .anySatisfy(line -> assertThat(line).contains("login_code", "sms", "attempt 1", "HTTP 503"))
                    .anySatisfy(line -> assertThat(line).contains("given up", "expired"))
                    .allSatisfy(line -> assertThat(line).doesNotContain(PHONE).doesNotContain("9012345678")
                            .doesNotContain(CODE).doesNotContain("Aikagi のコード"));
        }
    }

    @Test
    void constructorWhenArgumentNullThenNamesIt() {
        Map<Channel, MessageGateway> gateways = Map.of(Channel.SMS, sms);
        assertThatNullPointerException().isThrownBy(() -> new Deliveries(null, gateways, cipher, generator, clock))
                .withMessage("queue");
        assertThatNullPointerException().isThrownBy(() -> new Deliveries(queue, null, cipher, generator, clock))
                .withMessage("gateways");
        assertThatNullPointerException().isThrownBy(() -> new Deliveries(queue, gateways, null, generator, clock))
                .withMessage("cipher");
        assertThatNullPointerException().isThrownBy(() -> new Deliveries(queue, gateways, cipher, null, clock))
                .withMessage("generator");
        assertThatNullPointerException().isThrownBy(() -> new Deliveries(queue, gateways, cipher, generator, null))
                .withMessage("clock");
    }
}
