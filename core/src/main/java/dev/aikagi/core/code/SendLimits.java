package dev.aikagi.core.code;

import dev.aikagi.core.policy.AddressPrefix;
import dev.aikagi.core.policy.AttemptBudget;
import dev.aikagi.core.policy.AttemptDecision;
import dev.aikagi.core.policy.AttemptRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How often codes may be sent: a cool-down between two sends for the same account and purpose ("send
 * again"), and an hourly cap per account and per destination (a phone number or an email address), so
 * nobody can turn Aikagi into an SMS cannon against a number or run up the operator's bill.
 *
 * <p>Counted on the shared attempt counters, so the limits hold across nodes. Each send is counted
 * before it happens; sends are never "successes", so only time resets them. The cap uses an
 * {@link AttemptBudget} whose {@code cap} sends are free and whose next one must wait a full window after
 * the last: in any window of {@code window}, at most {@code cap} sends. Sending never touches the failure
 * counts of the codes themselves.
 *
 * <p>Issue 14: text messages are also limited per client address (an IPv6 address by its /64) and by an hourly
 * budget of all text messages (one counter per clock hour, shared by every node), and codes to a destination the
 * asking account has not proven (verifying a new number) count on a per-destination budget of their own, apart
 * from the login and recovery codes of the destination's owner.
 */
public final class SendLimits {

    /**
     * The limits; {@link #DEFAULT}: 30 s cool-down, 5 sends an hour per account and per destination, 20 text
     * messages an hour per client address, 1,000 text messages an hour in all.
     *
     * @param perAddressCap text messages an hour asked for from one client address (an IPv6 address by its /64)
     * @param textMessagesPerHour text messages an hour across all nodes and accounts (the operator's bill)
     */
    public record Policy(Duration coolDown, int perAccountCap, int perDestinationCap, Duration window,
                         int perAddressCap, int textMessagesPerHour) {
        public Policy {
            Objects.requireNonNull(coolDown, "coolDown");
            Objects.requireNonNull(window, "window");
            if (perAccountCap < 1 || perDestinationCap < 1) {
                throw new IllegalArgumentException("caps must be at least 1");
            }
            if (perAddressCap < 1 || textMessagesPerHour < 1) {
                throw new IllegalArgumentException("text-message limits must be at least 1");
            }
        }

        /** With the default text-message limits. */
        public Policy(Duration coolDown, int perAccountCap, int perDestinationCap, Duration window) {
            this(coolDown, perAccountCap, perDestinationCap, window, 20, 1000);
        }

        /** A copy with other text-message limits. */
        public Policy withTextMessageLimits(int perAddressCap, int textMessagesPerHour) {
            return new Policy(coolDown, perAccountCap, perDestinationCap, window, perAddressCap, textMessagesPerHour);
        }
    }

    public static final Policy DEFAULT = new Policy(Duration.ofSeconds(30), 5, 5, Duration.ofHours(1), 20, 1000);

    /** Which limit refused a send; stable names, used as a metric tag. */
    public enum Limit {
        COOL_DOWN, ACCOUNT, DESTINATION,
        /** Text messages asked for from one client address (issue 14 point 4). */
        ADDRESS,
        /** The hourly budget of text messages across all nodes (issue 14 point 4). */
        TEXT_MESSAGES
    }

    /** A send refused by {@code limit}; the next may go at {@code retryAt}. */
    public record Refusal(Limit limit, Instant retryAt) {
        public Refusal {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(retryAt, "retryAt");
        }
    }

    /**
     * One send to count.
     *
     * @param subject what the per-account limits count by (an account id, or the username recovery was asked for)
     * @param destination the per-destination key ({@link dev.aikagi.core.code.CodeSender#destinationKey})
     * @param proven whether the asking account has already proven the destination is its own. A code to a number
     *     or address it has not (verifying a new phone or email) counts on a separate per-destination budget, so
     *     that a throwaway account asking to verify someone else's number never uses up that number's allowance
     *     for its owner's login and recovery codes (issue 14 point 3)
     * @param from the client address that asked, if known: text messages are limited per address too
     * @param textMessage whether it goes by SMS: then the per-address and hourly text-message budgets apply
     */
    public record Send(CodePurpose purpose, String subject, String destination, boolean proven, Optional<String> from,
                       boolean textMessage) {
        public Send {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(from, "from");
        }
    }

    private static final Duration HOUR = Duration.ofHours(1);
    private static final int MAX_KEY = 255;

    private final AttemptRepository counters;
    private final AttemptBudget coolDown;
    private final AttemptBudget perAccount;
    private final AttemptBudget perDestination;
    private final AttemptBudget perAddress;
    private final AttemptBudget textMessages;

    public SendLimits(AttemptRepository counters, Policy policy) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.coolDown = new AttemptBudget(1, policy.coolDown(), policy.coolDown(), 0, policy.coolDown());
        this.perAccount = new AttemptBudget(policy.perAccountCap(), policy.window(), policy.window(), 0, policy.window());
        this.perDestination = new AttemptBudget(policy.perDestinationCap(), policy.window(), policy.window(), 0,
                policy.window());
        this.perAddress = new AttemptBudget(policy.perAddressCap(), HOUR, HOUR, 0, HOUR);
        this.textMessages = new AttemptBudget(policy.textMessagesPerHour(), HOUR, HOUR, 0, HOUR);
    }

    /**
     * Counts one send of {@code purpose} for {@code subject} (an account id) to {@code destination}, a
     * destination the subject has proven (login and recovery codes), with no per-address or text-message limit.
     *
     * @return empty if it may be sent now, else when the next send is allowed
     */
    public Optional<Instant> acquire(CodePurpose purpose, String subject, String destination, Instant now) {
        return acquire(new Send(purpose, subject, destination, true, Optional.empty(), false), now)
                .map(Refusal::retryAt);
    }

    /**
     * Counts one send against every limit that applies to it. Either all of them count it, or (refused) none
     * does: the counts already taken are given back.
     *
     * @return empty if it may be sent now, else which limit refused it and when the next send is allowed
     */
    public Optional<Refusal> acquire(Send send, Instant now) {
        String purpose = send.purpose().name();
        List<String> keys = new ArrayList<>(5);
        List<AttemptBudget> budgets = new ArrayList<>(5);
        List<Limit> limits = new ArrayList<>(5);
        keys.add("send:" + purpose + ":cooldown:" + send.subject());
        budgets.add(coolDown);
        limits.add(Limit.COOL_DOWN);
        keys.add("send:" + purpose + ":account:" + send.subject());
        budgets.add(perAccount);
        limits.add(Limit.ACCOUNT);
        // The key of proven destinations is the one login and recovery codes have always counted on.
        keys.add(counterKey(send.proven() ? "send:to:" : "send:unproven:to:", send.destination()));
        budgets.add(perDestination);
        limits.add(Limit.DESTINATION);
        if (send.textMessage() && send.from().isPresent()) {
            keys.add("send:sms:address:" + AddressPrefix.of(send.from().get()));
            budgets.add(perAddress);
            limits.add(Limit.ADDRESS);
        }
        if (send.textMessage()) {
            keys.add(textMessageKey(now));
            budgets.add(textMessages);
            limits.add(Limit.TEXT_MESSAGES);
        }
        List<String> counted = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            AttemptDecision decision = counters.acquire(keys.get(i), budgets.get(i), now);
            if (!(decision instanceof AttemptDecision.Allowed)) {
                // Nothing is sent, so the counts already taken for this send are given back.
                counted.forEach(counters::release);
                Instant retryAt = limits.get(i) == Limit.TEXT_MESSAGES ? nextHour(now)
                        : decision instanceof AttemptDecision.Throttled t ? t.retryAt()
                        : now.plus(budgets.get(i).maxDelay());
                return Optional.of(new Refusal(limits.get(i), retryAt));
            }
            counted.add(keys.get(i));
        }
        return Optional.empty();
    }

    /**
     * Counts one text message against the hourly budget of all text messages alone: for a send whose other
     * limits were counted already (recovery counts on the request's thread and sends off it).
     */
    public Optional<Refusal> acquireTextMessage(Instant now) {
        AttemptDecision decision = counters.acquire(textMessageKey(now), textMessages, now);
        return decision instanceof AttemptDecision.Allowed
                ? Optional.empty()
                : Optional.of(new Refusal(Limit.TEXT_MESSAGES, nextHour(now)));
    }

    /** When "send again" will next be allowed after a send at {@code sentAt} (the cool-down). */
    public Instant nextSendAt(Instant sentAt) {
        return sentAt.plus(coolDown.baseDelay());
    }

    /**
     * The budget of all text messages counts per clock hour (one counter per hour, on every node alike): a
     * steady flow of messages below the budget never adds up to a refusal, as one long-lived counter would.
     */
    private static String textMessageKey(Instant now) {
        return "send:sms:hour:" + Math.floorDiv(now.getEpochSecond(), HOUR.toSeconds());
    }

    /**
     * {@code prefix + value}, or, when that would not fit the counters' 255-character keys (an email address may
     * have 254), {@code prefix} and the SHA-256 of {@code value}.
     */
    static String counterKey(String prefix, String value) {
        String key = prefix + value;
        if (key.length() <= MAX_KEY) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return prefix + "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
    }

    private static Instant nextHour(Instant now) {
        return Instant.ofEpochSecond((Math.floorDiv(now.getEpochSecond(), HOUR.toSeconds()) + 1) * HOUR.toSeconds());
    }
}
