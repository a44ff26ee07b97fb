package dev.aikagi.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.DeliveryText;
import dev.aikagi.core.delivery.InMemoryMessageQueue;
import dev.aikagi.core.delivery.MessageQueue;
import dev.aikagi.core.delivery.QueuedMessage;
import dev.aikagi.core.delivery.RecordingGateway;
import dev.aikagi.jdbc.JdbcOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class MessageDispatcherTest {

    private final MutableClock clock = MutableClock.at("2026-05-01T09:00:00Z");
    private final SecretGenerator generator = TestSecrets.generator(3);
    private final SecretCipher cipher = new SecretCipher(TestSecrets.keyRing("e1"), generator);
    private final RecordingGateway sms = new RecordingGateway();
    /** A database without the outbox table: every outbox statement fails. */
    private final JdbcOutbox brokenOutbox = new JdbcOutbox(
            new DriverManagerDataSource("jdbc:h2:mem:dispatcher-" + UUID.randomUUID()), clock);

    private Deliveries messages(MessageQueue queue) {
        return new Deliveries(queue, Map.of(Channel.SMS, sms), cipher, generator, clock);
    }

    @Test
    void dispatchDueWhenMoreThanOneBatchDueThenWorksThroughAllOfThem() {
        InMemoryMessageQueue queue = new InMemoryMessageQueue();
        Deliveries messages = messages(queue);
        for (int i = 0; i < 2 * MessageDispatcher.BATCH + 7; i++) {
            messages.enqueue(Channel.SMS, "+81901234" + String.format("%04d", i), new DeliveryText("", "code " + i),
                    null, "login_code", Duration.ofMinutes(10));
        }
        MessageDispatcher dispatcher = new MessageDispatcher(messages, brokenOutbox, clock);

        assertThat(dispatcher.dispatchDue()).isEqualTo(2 * MessageDispatcher.BATCH + 7);
        assertThat(sms.calls()).hasSize(2 * MessageDispatcher.BATCH + 7);
        assertThat(dispatcher.dispatchDue()).isZero();
    }

    @Test
    void dispatchDueWhenQueueFailsThenLogsAndReturnsWithoutThrowing() {
        MessageQueue failing = new FailingQueue();
        MessageDispatcher dispatcher = new MessageDispatcher(messages(failing), brokenOutbox, clock);

        assertThat(dispatcher.dispatchDue()).isZero();
    }

    @Test
    void deleteOldWhenDatabaseFailsThenDoesNotThrow() {
        MessageDispatcher dispatcher = new MessageDispatcher(messages(new InMemoryMessageQueue()), brokenOutbox, clock);

        assertThatNoException().isThrownBy(dispatcher::deleteOld);
    }

    /** A queue whose database is down. */
    private static final class FailingQueue implements MessageQueue {
        private static DataAccessResourceFailureException down() {
            return new DataAccessResourceFailureException("connection refused to db.internal for +819012345678");
        }

        @Override
        public void enqueue(QueuedMessage message) {
            throw down();
        }

        @Override
        public Optional<QueuedMessage> find(UUID id) {
            throw down();
        }

        @Override
        public Optional<QueuedMessage> claim(UUID id, Instant now, Duration lease) {
            throw down();
        }

        @Override
        public List<QueuedMessage> claimDue(Instant now, Duration lease, int limit) {
            throw down();
        }

        @Override
        public void markSent(UUID id, Instant at) {
            throw down();
        }

        @Override
        public void retryLater(UUID id, Instant nextAttemptAt, String error) {
            throw down();
        }

        @Override
        public void giveUp(UUID id, boolean attempted, String error) {
            throw down();
        }

        @Override
        public int deleteFinishedBefore(Instant before) {
            throw down();
        }
    }
}
