package dev.aikagi.core.notify;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.DeliveryText;
import dev.aikagi.core.delivery.DeliveryTexts;
import dev.aikagi.core.policy.AttemptBudget;
import dev.aikagi.core.policy.AttemptDecision;
import dev.aikagi.core.policy.AttemptRepository;
import dev.aikagi.core.session.Sessions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Security notifications (on by default): when an audited event raises an {@link Alert}, a short
 * message goes to every verified channel of the account except the one just used, each with a
 * single-use, expiring "this wasn't me" link. Following the link (and confirming) ends every session,
 * forgets every known device and is audited.
 *
 * <p>Deliveries are queued (so none is lost if the process dies) and handed to {@code sendSoon}, which
 * sends them off the request's thread: a slow gateway never slows a login.
 */
public final class SecurityNotifications {

    /** How long a "this wasn't me" link works. */
    public static final Duration LINK_LIFETIME = Duration.ofDays(7);
    /** How long an unsent notification is worth retrying. */
    static final Duration MESSAGE_LIFETIME = Duration.ofDays(1);
    /** At most one "wrong second factor" alert per account in this time: a typo-prone person is not spammed. */
    static final AttemptBudget FAILED_FACTOR_ALERTS =
            new AttemptBudget(1, Duration.ofMinutes(15), Duration.ofMinutes(15), 0, Duration.ofMinutes(15));

    private final ContactChannelRepository channels;
    private final AlertTokenRepository tokens;
    private final KnownDeviceRepository devices;
    private final AttemptRepository counters;
    private final Deliveries messages;
    private final DeliveryTexts texts;
    private final Sessions sessions;
    private final SecretGenerator generator;
    private final Clock clock;
    private final String publicUrl;
    private final Consumer<UUID> sendSoon;
    private final Auditor audit;
    private final Consumer<AccountId> reported;

    /**
     * @param sendSoon sends a queued notice off the request's thread
     * @param audit records the reports; its listeners must include this service (the
     *     {@link dev.aikagi.core.CoreAssembly} sees to that)
     * @param reported called with the account after each accepted "this wasn't me" (recovery cancels its open
     *     cases)
     */
    public SecurityNotifications(ContactChannelRepository channels, AlertTokenRepository tokens,
                                 KnownDeviceRepository devices, AttemptRepository counters, Deliveries messages,
                                 DeliveryTexts texts, Sessions sessions, SecretGenerator generator, Clock clock,
                                 String publicUrl, Consumer<UUID> sendSoon, Auditor audit,
                                 Consumer<AccountId> reported) {
        this.channels = Objects.requireNonNull(channels, "channels");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publicUrl = stripSlash(Objects.requireNonNull(publicUrl, "publicUrl"));
        this.sendSoon = Objects.requireNonNull(sendSoon, "sendSoon");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.reported = Objects.requireNonNull(reported, "reported");
    }

    /**
     * Told of every audited event (an {@link dev.aikagi.core.audit.AuditListener} of the core's auditor, as the
     * {@link dev.aikagi.core.CoreAssembly} makes it): sends the notice the event calls for, if any.
     */
    public void recorded(AuditEvent event) {
        if (event.accountId() == null) {
            return;
        }
        Optional<Alert> alert = Alert.of(event.type());
        if (alert.isEmpty()) {
            return;
        }
        if (alert.get() == Alert.SECOND_FACTOR_FAILED) {
            AttemptDecision decision = counters.acquire("alert:second_factor_failed:" + event.accountId(),
                    FAILED_FACTOR_ALERTS, event.at());
            if (!(decision instanceof AttemptDecision.Allowed)) {
                return;
            }
        }
        Optional<Channel> except = Channel.parse(event.details().get("channel"));
        for (ContactChannel channel : channels.findByAccount(event.accountId())) {
            if (except.isPresent() && except.get() == channel.kind()) {
                continue;
            }
            send(event.accountId(), alert.get(), channel.kind(), channel.address(), channel.language(), event);
        }
    }

    /** Tells one address that is no longer the account's (the old phone number after a change). */
    public void notifyFormerAddress(AccountId accountId, Alert alert, Channel kind, String address, String language,
                                    AuditEvent event) {
        send(accountId, alert, kind, address, language, event);
    }

    /**
     * Follows a "this wasn't me" link: single use and expiring. Ends every session of the account and
     * forgets its devices.
     *
     * @return the account, or empty for an unknown, used or expired link
     */
    public Optional<AccountId> reportNotMe(String token, String clientAddress) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        Optional<AccountId> account = tokens.use(hash(token), clock.instant());
        account.ifPresent(id -> {
            int ended = sessions.endAll(id);
            devices.forgetAll(id);
            reported.accept(id);
            audit.record(AuditType.ALERT_REPORTED, id, clientAddress, Map.of("sessionsEnded", String.valueOf(ended)));
        });
        return account;
    }

    private void send(AccountId accountId, Alert alert, Channel kind, String address, String language,
                      AuditEvent event) {
        Instant now = clock.instant();
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(generator.bytes(32));
        tokens.create(hash(token), accountId, event.type().name(), now, now.plus(LINK_LIFETIME));
        Map<String, String> arguments = new HashMap<>(event.details());
        arguments.put("at", event.at().toString());
        arguments.put("link", publicUrl + "/security/not-me?token=" + token);
        DeliveryText text = texts.render("alert." + alert.template(), kind, language, arguments);
        UUID id = messages.enqueue(kind, address, text, accountId, "alert." + alert.template(), MESSAGE_LIFETIME);
        sendSoon.accept(id);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
