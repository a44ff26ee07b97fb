package dev.aikagi.jdbc;

import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.delivery.MessageGateway;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The development gateway: "sends" a message by writing it, in clear text, to {@code outbox_message},
 * where a developer reads it at {@code /dev/outbox} instead of needing an SMS provider or a mail server.
 * It must never be used in production mode, where bodies hold real codes: the server refuses to start
 * with it there.
 *
 * <p>The table keeps neither the account nor the kind of a message: {@link #latest} gives them back as
 * null and empty.
 */
public final class JdbcOutbox implements MessageGateway {

    private static final String INSERT = """
            insert into outbox_message (id, channel, recipient, subject, body, created_at)
            values (:id, :channel, :recipient, :subject, :body, :createdAt)""";
    private static final String LATEST = """
            select id, channel, recipient, subject, body, created_at
            from outbox_message
            order by created_at desc, id
            limit :limit""";
    private static final String DELETE_BEFORE = "delete from outbox_message where created_at < :before";

    private static final RowMapper<Message> MESSAGE = (rs, row) -> new Message(
            rs.getObject("id", UUID.class),
            Channel.parse(rs.getString("channel"))
                    .orElseThrow(() -> new IllegalStateException("unknown channel in outbox_message")),
            rs.getString("recipient"),
            rs.getString("subject"),
            rs.getString("body"),
            null,
            "",
            Timestamps.read(rs, "created_at"));

    private final JdbcClient jdbc;
    private final Clock clock;

    public JdbcOutbox(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Writes the message with the time it arrived. The same message again (sent once more after its claim
     * lapsed) is not written twice: like a provider honouring an idempotency key.
     */
    @Override
    public void deliver(Message message) {
        Objects.requireNonNull(message, "message");
        try {
            jdbc.sql(INSERT)
                    .param("id", message.id())
                    .param("channel", message.channel().value())
                    .param("recipient", message.to())
                    .param("subject", message.subject())
                    .param("body", message.body())
                    .param("createdAt", Timestamps.param(clock.instant()))
                    .update();
        } catch (DataAccessException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    /** The newest {@code limit} messages, newest first. {@link Message#createdAt()} is when each arrived. */
    public List<Message> latest(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return jdbc.sql(LATEST).param("limit", limit).query(MESSAGE).list();
    }

    /** Deletes messages that arrived before {@code before}; returns how many. */
    public int deleteBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return jdbc.sql(DELETE_BEFORE).param("before", Timestamps.param(before)).update();
    }
}
