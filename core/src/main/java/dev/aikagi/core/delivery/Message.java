package dev.aikagi.core.delivery;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One message as a gateway sends it, in clear text. Lives only in memory: in the queue the body is
 * sealed.
 *
 * @param subject the email subject; empty for SMS
 * @param accountId the account it concerns, or null
 * @param kind what it is, for logs and metrics (for example {@code login_code}); never the content
 */
public record Message(UUID id, Channel channel, String to, String subject, String body, AccountId accountId,
                      String kind, Instant createdAt) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        // Never the body or the full address: both may be secret or personal.
        return "Message[" + id + " " + channel.value() + " " + kind + "]";
    }
}
