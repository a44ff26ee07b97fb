package dev.aikagi.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.DeliveryOutcome;
import dev.aikagi.core.delivery.DeliveryState;
import dev.aikagi.core.delivery.DeliveryText;
import dev.aikagi.core.delivery.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The development outbox, and the whole path from {@link Deliveries} through the JDBC queue into it. */
class JdbcOutboxTest {

    private static final Instant T0 = Instant.parse("2026-05-01T09:00:00.123456Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void deliverWhenMessagesArriveThenLatestGivesThemNewestFirstAsTheyArrived(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, 2)) {
            MutableClock clock = new MutableClock(T0);
            JdbcOutbox outbox = new JdbcOutbox(database.dataSource(), clock);
            Message sms = message(Channel.SMS, "+819012345678", "", "Aikagi のコード: 123456");
            Message email = message(Channel.EMAIL, "hanako@example.jp", "新しいログイン – Aikagi",
                    "こんにちは 😀\nhttps://aikagi.example/security/not-me?token=abc");

            outbox.deliver(sms);
            clock.advance(Duration.ofSeconds(3));
            outbox.deliver(email);

            assertThat(outbox.latest(10)).containsExactly(
                    new Message(email.id(), Channel.EMAIL, email.to(), email.subject(), email.body(), null, "",
                            T0.plusSeconds(3)),
                    new Message(sms.id(), Channel.SMS, sms.to(), "", sms.body(), null, "", T0));
            assertThat(outbox.latest(1)).extracting(Message::id).containsExactly(email.id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void deliverWhenTheSameMessageAgainThenKeptOnce(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, 2)) {
            MutableClock clock = new MutableClock(T0);
            JdbcOutbox outbox = new JdbcOutbox(database.dataSource(), clock);
            Message sms = message(Channel.SMS, "+819012345678", "", "one");

            outbox.deliver(sms);
            clock.advance(Duration.ofMinutes(1));
            outbox.deliver(sms);

            assertThat(outbox.latest(10)).singleElement().satisfies(m -> assertThat(m.createdAt()).isEqualTo(T0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void deleteBeforeWhenOldAndNewThenOnlyOldDeleted(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, 2)) {
            MutableClock clock = new MutableClock(T0);
            JdbcOutbox outbox = new JdbcOutbox(database.dataSource(), clock);
            Message old = message(Channel.SMS, "+819012345678", "", "old");
            Message recent = message(Channel.SMS, "+819012345678", "", "recent");
            outbox.deliver(old);
            clock.advance(Duration.ofDays(7));
            outbox.deliver(recent);

            assertThat(outbox.deleteBefore(T0.plus(Duration.ofDays(7)))).isEqualTo(1);

            assertThat(outbox.latest(10)).extracting(Message::id).containsExactly(recent.id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void sendWhenOutboxIsTheGatewayThenQueueHoldsOnlyTheSealedBodyAndOutboxTheClearText(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, 2)) {
            MutableClock clock = new MutableClock(T0);
            SecretGenerator generator = TestSecrets.generator(5);
            JdbcMessageQueue queue = new JdbcMessageQueue(database.dataSource());
            JdbcOutbox outbox = new JdbcOutbox(database.dataSource(), clock);
            Deliveries messages = new Deliveries(queue, Map.of(Channel.SMS, outbox, Channel.EMAIL, outbox),
                    new SecretCipher(TestSecrets.keyRing("e1"), generator), generator, clock);
            DeliveryText text = new DeliveryText("", "Aikagi のコード: 480213");

            Deliveries.Sent sent = messages.send(Channel.SMS, "+819012345678", text,
                    new AccountId(UUID.randomUUID()), "login_code", Duration.ofMinutes(10));

            assertThat(sent.outcome()).isEqualTo(DeliveryOutcome.SENT);
            assertThat(queue.find(sent.id()).orElseThrow().state()).isEqualTo(DeliveryState.SENT);
            String stored = JdbcClient.create(database.dataSource())
                    .sql("select sealed_body from message_queue where id = :id").param("id", sent.id())
                    .query(String.class).single();
            assertThat(stored).doesNotContain("480213").doesNotContain("Aikagi");
            assertThat(outbox.latest(1)).singleElement().satisfies(m -> {
                assertThat(m.id()).isEqualTo(sent.id());
                assertThat(m.body()).isEqualTo(text.body());
            });
        }
    }

    @Test
    void latestWhenLimitNotPositiveThenIllegalArgument() {
        try (TestDatabase database = TestDatabase.open(TestDatabase.Kind.H2, 2)) {
            JdbcOutbox outbox = new JdbcOutbox(database.dataSource(), Clock.systemUTC());
            assertThatIllegalArgumentException().isThrownBy(() -> outbox.latest(0));
        }
    }

    @Test
    void constructorWhenArgumentNullThenNamesIt() {
        assertThatNullPointerException().isThrownBy(() -> new JdbcOutbox(null, Clock.systemUTC())).withMessage("dataSource");
        assertThatNullPointerException().isThrownBy(() -> new JdbcMessageQueue(null)).withMessage("dataSource");
        try (TestDatabase database = TestDatabase.open(TestDatabase.Kind.H2, 2)) {
            assertThatNullPointerException().isThrownBy(() -> new JdbcOutbox(database.dataSource(), null))
                    .withMessage("clock");
        }
    }

    private static Message message(Channel channel, String to, String subject, String body) {
        return new Message(UUID.randomUUID(), channel, to, subject, body, null, "test", T0);
    }
}
