package dev.aikagi.core.code;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.DeliveryOutcome;
import dev.aikagi.core.delivery.DeliveryText;
import dev.aikagi.core.delivery.DeliveryTexts;
import dev.aikagi.core.factor.sms.SmsRegions;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends a one-time code by SMS or email: checks the send limits, issues the code, renders the message
 * in the recipient's language and sends it through the queue. Shared by SMS login, channel
 * verification and (later) recovery.
 */
public final class CodeSender {

    private final OneTimeCodes codes;
    private final SendLimits limits;
    private final Deliveries messages;
    private final DeliveryTexts texts;
    private final SmsRegions regions;
    private final Optional<Auditor> audit;

    /** Text messages to every region, refusals not audited: for tests and tools. */
    public CodeSender(OneTimeCodes codes, SendLimits limits, Deliveries messages, DeliveryTexts texts) {
        this(codes, limits, messages, texts, SmsRegions.ANY, Optional.empty());
    }

    /**
     * @param regions where text messages may go
     * @param audit records each text message refused by the region list or the text-message budgets
     *     ({@link AuditType#TEXT_MESSAGE_REFUSED}, counted in the metrics)
     */
    public CodeSender(OneTimeCodes codes, SendLimits limits, Deliveries messages, DeliveryTexts texts, SmsRegions regions,
                      Auditor audit) {
        this(codes, limits, messages, texts, regions, Optional.of(Objects.requireNonNull(audit, "audit")));
    }

    private CodeSender(OneTimeCodes codes, SendLimits limits, Deliveries messages, DeliveryTexts texts, SmsRegions regions,
                       Optional<Auditor> audit) {
        this.codes = Objects.requireNonNull(codes, "codes");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.regions = Objects.requireNonNull(regions, "regions");
        this.audit = audit;
    }

    /** Whether text messages may go to {@code e164} (its region is allowed). */
    public boolean textMessagesAllowedTo(String e164) {
        return regions.allows(e164);
    }

    /**
     * Counts a send that has nowhere to go (recovery for an unknown username, or a channel the account
     * lacks), so that it is limited exactly like a real one and answers the same.
     */
    public SendResult countOnly(CodePurpose purpose, String limitSubject, String destinationKey, String masked,
                                Instant now) {
        Optional<SendLimits.Refusal> refusal = limits.acquire(new SendLimits.Send(purpose, limitSubject, destinationKey,
                true, Optional.empty(), false), now);
        return refusal.<SendResult>map(CodeSender::throttled)
                .orElseGet(() -> new SendResult.Sent(masked, limits.nextSendAt(now)));
    }

    public OneTimeCodes codes() {
        return codes;
    }

    /**
     * @param binding what the code is good for (a login flow id, or the address itself)
     * @param masked the address as the page shows it
     */
    public SendResult send(AccountId accountId, CodePurpose purpose, String binding, Channel channel, String address,
                           String masked, String language, Instant now) {
        return send(accountId, purpose, binding, channel, address, masked, language, accountId.toString(), now);
    }

    /**
     * @param limitSubject what the per-account send limits count by (recovery counts by the username typed,
     *     so that known and unknown usernames are limited alike)
     */
    public SendResult send(AccountId accountId, CodePurpose purpose, String binding, Channel channel, String address,
                           String masked, String language, String limitSubject, Instant now) {
        return send(accountId, purpose, binding, channel, address, masked, language, limitSubject, true,
                Optional.empty(), now);
    }

    /**
     * Sends a code for a request from {@code from}: refused before anything is counted if it is a text message
     * to a region that is not allowed, then counted against every limit (per account, per destination, and
     * for text messages per client address and the hourly budget of all of them).
     *
     * @param proven whether the account has already proven {@code address} is its own (see {@link SendLimits.Send})
     */
    public SendResult send(AccountId accountId, CodePurpose purpose, String binding, Channel channel, String address,
                           String masked, String language, boolean proven, String from, Instant now) {
        return send(accountId, purpose, binding, channel, address, masked, language, accountId.toString(), proven,
                Optional.of(Objects.requireNonNull(from, "from")), now);
    }

    private SendResult send(AccountId accountId, CodePurpose purpose, String binding, Channel channel, String address,
                            String masked, String language, String limitSubject, boolean proven,
                            Optional<String> from, Instant now) {
        boolean textMessage = channel == Channel.SMS;
        if (textMessage && !regions.allows(address)) {
            refused(accountId, purpose, "region_not_allowed", from);
            return new SendResult.RegionNotAllowed();
        }
        Optional<SendLimits.Refusal> refusal = limits.acquire(new SendLimits.Send(purpose, limitSubject,
                destinationKey(channel, address), proven, from, textMessage), now);
        if (refusal.isPresent()) {
            switch (refusal.get().limit()) {
                case ADDRESS -> refused(accountId, purpose, "address_limit", from);
                case TEXT_MESSAGES -> refused(accountId, purpose, "hourly_limit", from);
                default -> {
                    // per account and destination: audited by the caller as before (CODE_SEND_THROTTLED)
                }
            }
            return throttled(refusal.get());
        }
        return issueAndSend(accountId, purpose, binding, channel, address, masked, language, now);
    }

    private static SendResult throttled(SendLimits.Refusal refusal) {
        return new SendResult.Throttled(refusal.retryAt(), refusal.limit() == SendLimits.Limit.COOL_DOWN);
    }

    /** The key the per-destination limit counts by. */
    public static String destinationKey(Channel channel, String address) {
        return channel.value() + ":" + address;
    }

    /**
     * Issues and sends a code whose send was already counted ({@link #countOnly}): recovery counts on the
     * request's thread and sends off it, so that the answer takes as long whether or not the account exists.
     */
    public SendResult deliver(AccountId accountId, CodePurpose purpose, String binding, Channel channel, String address,
                              String masked, String language, Instant now) {
        if (channel == Channel.SMS) {
            // Checked here too: the answer to the request was given already, so a refusal only means no message.
            if (!regions.allows(address)) {
                refused(accountId, purpose, "region_not_allowed", Optional.empty());
                return new SendResult.RegionNotAllowed();
            }
            Optional<SendLimits.Refusal> refusal = limits.acquireTextMessage(now);
            if (refusal.isPresent()) {
                refused(accountId, purpose, "hourly_limit", Optional.empty());
                return new SendResult.Throttled(refusal.get().retryAt());
            }
        }
        return issueAndSend(accountId, purpose, binding, channel, address, masked, language, now);
    }

    private void refused(AccountId accountId, CodePurpose purpose, String reason, Optional<String> from) {
        audit.ifPresent(a -> a.record(AuditType.TEXT_MESSAGE_REFUSED, accountId, from.orElse(null),
                Map.of("reason", reason, "purpose", purpose.name())));
    }

    private SendResult issueAndSend(AccountId accountId, CodePurpose purpose, String binding, Channel channel,
                                    String address, String masked, String language, Instant now) {
        String code = codes.issue(accountId, purpose, binding, now);
        String template = switch (purpose) {
            case LOGIN_SMS -> "login_code";
            case VERIFY_PHONE -> "verify_phone";
            case VERIFY_EMAIL -> "verify_email";
            case RECOVERY_EMAIL, RECOVERY_SMS -> "recovery_code";
        };
        DeliveryText text = texts.render(template, channel, language,
                Map.of("code", code, "minutes", String.valueOf(purpose.lifetime().toMinutes())));
        Deliveries.Sent sent = messages.send(channel, address, text, accountId, template, purpose.lifetime());
        return sent.outcome() == DeliveryOutcome.SENT || sent.outcome() == DeliveryOutcome.BUSY
                ? new SendResult.Sent(masked, limits.nextSendAt(now))
                : new SendResult.DeliveryFailed();
    }
}
