package dev.aikagi.core.delivery;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.SecretUnavailableException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends messages through the persisted {@link MessageQueue}: enqueue first (sealed), then try at once,
 * then retry from the queue with back-off until sent, given up, or expired.
 *
 * <p>Retries back off exponentially ({@link #retryDelay}: 30 s, 1 min, 2 min … at most 30 min) so that an
 * outage of the SMS provider is not met with a storm of requests, and stop after {@value #MAX_ATTEMPTS}
 * attempts or once the next attempt would come too late for the message to be of use (an SMS code lives
 * 10 minutes: NIST SP 800-63B-4 §3.1.3.2). A gateway's own failures are classified by it (retryable or
 * not); anything else it throws is treated as retryable, since a bug or an outage of one provider should
 * not lose a message for good on the first try.
 *
 * <p>Logs name only the message id, channel, kind, attempt number and error text: never the body (it may
 * hold a code) nor the recipient (personal data; ASVS 5 16.3.1, docs/STYLE.md rule 13).
 */
public final class Deliveries {

    /**
     * How long a claim keeps other nodes away from a message. A node that dies while holding one only
     * delays the message by this much.
     */
    public static final Duration LEASE = Duration.ofSeconds(60);

    /**
     * The longest a single gateway call may take (connect and read time-outs together). A batch claimed
     * by {@link #dispatchDue} is worked through only while at least this much of the lease remains, so a
     * message is never sent after its claim lapsed and another node could be sending it too.
     */
    public static final Duration SEND_TIME_BUDGET = Duration.ofSeconds(30);

    /** Attempts after which a message is given up. */
    public static final int MAX_ATTEMPTS = 8;

    static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(30);
    static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(30);

    /** Sizes of the queue's columns; longer values are refused when enqueued. */
    public static final int MAX_RECIPIENT_LENGTH = 320;
    public static final int MAX_SUBJECT_LENGTH = 512;
    public static final int MAX_KIND_LENGTH = 64;
    public static final int MAX_SEALED_BODY_LENGTH = 16_000;
    /** Longer error texts are cut to this length. */
    public static final int MAX_ERROR_LENGTH = 512;

    private static final Logger log = System.getLogger(Deliveries.class.getName());

    private final MessageQueue queue;
    private final Map<Channel, MessageGateway> gateways;
    private final SecretCipher cipher;
    private final SecretGenerator generator;
    private final Clock clock;

    public Deliveries(MessageQueue queue, Map<Channel, MessageGateway> gateways, SecretCipher cipher,
                    SecretGenerator generator, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.gateways = Map.copyOf(Objects.requireNonNull(gateways, "gateways"));
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Puts a message in the queue (body sealed) and returns its id. {@code lifetime}: after it the
     * message is given up unsent (a login code that expired is pointless).
     *
     * @throws IllegalArgumentException if no gateway serves the channel, the lifetime is not positive, or
     *     a value is longer than the queue holds
     */
    public UUID enqueue(Channel channel, String to, DeliveryText text, AccountId accountId, String kind,
                        Duration lifetime) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(lifetime, "lifetime");
        if (!gateways.containsKey(channel)) {
            throw new IllegalArgumentException("no gateway sends " + channel.value() + " messages");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
        }
        // The lengths only, never the values: they are personal or secret.
        checkLength("recipient", to, MAX_RECIPIENT_LENGTH);
        checkLength("subject", text.subject(), MAX_SUBJECT_LENGTH);
        checkLength("kind", kind, MAX_KIND_LENGTH);
        UUID id = generator.uuid();
        String sealed = cipher.seal(text.body().getBytes(StandardCharsets.UTF_8), sealingContext(id));
        if (sealed.length() > MAX_SEALED_BODY_LENGTH) {
            throw new IllegalArgumentException("body is too long: " + sealed.length() + " characters sealed, at most "
                    + MAX_SEALED_BODY_LENGTH);
        }
        Instant now = clock.instant();
        queue.enqueue(new QueuedMessage(id, channel, to, text.subject(), sealed, accountId, kind, now,
                now.plus(lifetime), DeliveryState.PENDING, 0, now, null, null, null));
        log.log(Level.DEBUG, () -> "Message " + id + " (" + channel.value() + ", " + kind + ") queued");
        return id;
    }

    /**
     * Claims the message and tries one delivery now, in the caller's thread. If the message cannot be
     * claimed, says why: already {@link DeliveryOutcome#SENT SENT} or {@link DeliveryOutcome#FAILED FAILED},
     * or {@link DeliveryOutcome#BUSY BUSY} while another node holds it.
     *
     * @throws IllegalArgumentException if the queue has no such message
     */
    public DeliveryOutcome sendNow(UUID id) {
        Objects.requireNonNull(id, "id");
        Optional<QueuedMessage> claimed = queue.claim(id, clock.instant(), LEASE);
        if (claimed.isPresent()) {
            return attempt(claimed.get());
        }
        QueuedMessage message = queue.find(id)
                .orElseThrow(() -> new IllegalArgumentException("no queued message " + id));
        return switch (message.state()) {
            case SENT -> DeliveryOutcome.SENT;
            case FAILED -> DeliveryOutcome.FAILED;
            case PENDING -> DeliveryOutcome.BUSY;
        };
    }

    /** {@link #enqueue} then {@link #sendNow}. */
    public Sent send(Channel channel, String to, DeliveryText text, AccountId accountId, String kind, Duration lifetime) {
        UUID id = enqueue(channel, to, text, accountId, kind, lifetime);
        return new Sent(id, sendNow(id));
    }

    /**
     * Tries every due message (up to {@code limit}) once, in this thread, one after the other. A message
     * that fails now is due again only after its back-off, so each round asks a failing gateway at most
     * once per message.
     *
     * @return how many messages were taken from the queue (sent, rescheduled or given up)
     */
    public int dispatchDue(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        List<QueuedMessage> due = queue.claimDue(clock.instant(), LEASE, limit);
        int done = 0;
        for (QueuedMessage message : due) {
            if (!clock.instant().isBefore(message.claimedUntil().minus(SEND_TIME_BUDGET))) {
                // Slow gateways used up the lease; the rest of the claims lapse and a later round (here
                // or on another node) takes those messages. Sending them now could send them twice.
                int left = due.size() - done;
                log.log(Level.INFO, () -> "Dispatch round ran out of time; " + left + " messages left for the next");
                break;
            }
            attempt(message);
            done++;
        }
        return done;
    }

    /** Deletes sent and given-up messages created before {@code before}; returns how many. */
    public int deleteFinishedBefore(Instant before) {
        return queue.deleteFinishedBefore(Objects.requireNonNull(before, "before"));
    }

    /**
     * The pause before attempt {@code attempts + 1}, after {@code attempts} failed ones: 30 s × 2^(attempts−1),
     * at most 30 minutes.
     */
    public static Duration retryDelay(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        // 30 s × 2^6 is already past the cap; stop doubling there rather than overflow.
        Duration delay = FIRST_RETRY_DELAY.multipliedBy(1L << Math.min(attempts - 1, 6));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    /** The associated data a message's body is sealed with: a sealed body moved to another row fails to open. */
    public static String sealingContext(UUID id) {
        return id.toString();
    }

    /** One delivery attempt of a message this node has claimed. */
    private DeliveryOutcome attempt(QueuedMessage queued) {
        int attempt = queued.attempts() + 1;
        if (!clock.instant().isBefore(queued.expiresAt())) {
            return giveUp(queued, attempt, false, "expired before it could be sent");
        }
        MessageGateway gateway = gateways.get(queued.channel());
        if (gateway == null) {
            // Queued by a node configured differently; this one cannot send it.
            return giveUp(queued, attempt, false, "no gateway sends " + queued.channel().value() + " messages");
        }
        String body;
        try {
            body = new String(cipher.open(queued.sealedBody(), sealingContext(queued.id())), StandardCharsets.UTF_8);
        } catch (SecretUnavailableException e) {
            return giveUp(queued, attempt, false, "body cannot be opened: " + e.getMessage());
        }
        Message message = new Message(queued.id(), queued.channel(), queued.recipient(), queued.subject(), body,
                queued.accountId(), queued.kind(), queued.createdAt());
        try {
            gateway.deliver(message);
        } catch (DeliveryException e) {
            return failed(queued, attempt, e.getMessage(), e.retryable());
        } catch (RuntimeException e) {
            // Only the type: an unexpected exception's text may quote the recipient or the body. The
            // gateways translate the failures they expect into DeliveryException with a vetted text.
            return failed(queued, attempt, "unexpected " + e.getClass().getName(), true);
        }
        queue.markSent(queued.id(), clock.instant());
        log.log(Level.DEBUG, () -> describe(queued) + " attempt " + attempt + " sent");
        return DeliveryOutcome.SENT;
    }

    private DeliveryOutcome failed(QueuedMessage queued, int attempt, String error, boolean retryable) {
        if (!retryable) {
            return giveUp(queued, attempt, true, error);
        }
        if (attempt >= MAX_ATTEMPTS) {
            return giveUp(queued, attempt, true, error + " (" + attempt + " attempts)");
        }
        Instant next = clock.instant().plus(retryDelay(attempt));
        if (!next.isBefore(queued.expiresAt())) {
            // By then the message is expired and would be given up anyway; say so now.
            return giveUp(queued, attempt, true, error + " (expires before the next attempt)");
        }
        String text = truncate(error);
        queue.retryLater(queued.id(), next, text);
        log.log(Level.INFO, () -> describe(queued) + " attempt " + attempt + " failed, next attempt at " + next + ": " + text);
        return DeliveryOutcome.RETRYING;
    }

    private DeliveryOutcome giveUp(QueuedMessage queued, int attempt, boolean attempted, String error) {
        String text = truncate(error);
        queue.giveUp(queued.id(), attempted, text);
        log.log(Level.WARNING, () -> describe(queued)
                + (attempted ? " attempt " + attempt : " after " + queued.attempts() + " attempts") + " given up: " + text);
        return DeliveryOutcome.FAILED;
    }

    private static String describe(QueuedMessage message) {
        return "Message " + message.id() + " (" + message.channel().value() + ", " + message.kind() + ")";
    }

    private static String truncate(String error) {
        String text = error == null || error.isBlank() ? "(no detail)" : error;
        if (text.length() <= MAX_ERROR_LENGTH) {
            return text;
        }
        // Never split a surrogate pair: half of one is not valid UTF-8 in the database.
        int end = Character.isHighSurrogate(text.charAt(MAX_ERROR_LENGTH - 1)) ? MAX_ERROR_LENGTH - 1 : MAX_ERROR_LENGTH;
        return text.substring(0, end);
    }

    private static void checkLength(String name, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is too long: " + value.length() + " characters, at most " + max);
        }
    }

    /** A message's id and what its first attempt achieved. */
    public record Sent(UUID id, DeliveryOutcome outcome) {
    }
}
