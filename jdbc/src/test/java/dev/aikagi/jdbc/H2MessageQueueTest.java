package dev.aikagi.jdbc;

import dev.aikagi.core.delivery.MessageQueue;
import dev.aikagi.core.delivery.MessageQueueContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link JdbcMessageQueue} against the MessageQueue contract, on H2 in PostgreSQL mode. */
class H2MessageQueueTest extends MessageQueueContract {

    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected MessageQueue createQueue() {
        JdbcClient.create(DATABASE.dataSource()).sql("delete from message_queue").update();
        return new JdbcMessageQueue(DATABASE.dataSource());
    }
}
