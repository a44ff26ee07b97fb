package dev.aikagi.core.settings;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.code.CodePurpose;
import dev.aikagi.core.code.CodeSender;
import dev.aikagi.core.code.OneTimeCodes;
import dev.aikagi.core.code.SendResult;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.contact.EmailAddress;
import dev.aikagi.core.contact.PhoneNumber;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.RejectReason;
import dev.aikagi.core.factor.Verification;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.notify.Alert;
import dev.aikagi.core.notify.SecurityNotifications;
import dev.aikagi.core.policy.AttemptGuard;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Adding and verifying the account's phone number and email address (journeys 2 and 6).
 *
 * <p>A channel counts only once a code sent to it was entered. A phone number verified here becomes an
 * SMS login method, and, if two-step verification was off, turns it on with the first backup codes
 * (Instagram's "text message" path). Changing the number binds a new factor: it needs recent
 * authentication, and the old number and the email are told. Verification codes share the SMS
 * factor's failure budget per account and client address. On an account with two-step verification on,
 * changing either channel needs a session at AAL2 ({@link TwoStepSettings#needsSecondFactor}): the two channels
 * are what an account recovery goes through.
 */
public final class ContactSettings {

    /** A code went out; the page asks for it. */
    public record CodeSent(Channel channel, String destination, Instant nextSendAt) {
    }

    /**
     * A verified phone; {@code firstBackupCodes} is set when this turned two-step verification on, and
     * {@code raised} is then the session raised to AAL2 ({@link TwoStepSettings}).
     */
    public record PhoneConfirmed(ContactChannel phone, Optional<IssuedBackupCodes> firstBackupCodes,
                                 Optional<dev.aikagi.core.session.Sessions.Raised> raised) {
    }

    private final ContactChannelRepository channels;
    private final CodeSender sender;
    private final OneTimeCodes codes;
    private final TwoStepSettings twoStep;
    private final AttemptGuard guard;
    private final Auditor audit;
    private final SecurityNotifications notifications;
    private final String defaultRegion;
    private final java.util.function.Function<AccountId, Optional<Instant>> frozenUntil;
    private final Clock clock;

    public ContactSettings(ContactChannelRepository channels, CodeSender sender, TwoStepSettings twoStep,
                           AttemptGuard guard, Auditor audit, SecurityNotifications notifications,
                           String defaultRegion, Clock clock) {
        this(channels, sender, twoStep, guard, audit, notifications, defaultRegion, id -> Optional.empty(), clock);
    }

    /**
     * @param frozenUntil until when an account's email and phone cannot change (after an account recovery),
     *     if they are frozen now
     */
    public ContactSettings(ContactChannelRepository channels, CodeSender sender, TwoStepSettings twoStep,
                           AttemptGuard guard, Auditor audit, SecurityNotifications notifications,
                           String defaultRegion, java.util.function.Function<AccountId, Optional<Instant>> frozenUntil,
                           Clock clock) {
        this.frozenUntil = Objects.requireNonNull(frozenUntil, "frozenUntil");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.codes = sender.codes();
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public List<ContactChannel> channels(AccountId accountId) {
        return channels.findByAccount(accountId);
    }

    /** Sends a verification code to a new phone number (E.164, or national for the default region). */
    public Outcome<CodeSent, SettingsProblem> requestPhone(Session session, String input, String language, ClientAddress from) {
        if (twoStep.needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        if (!twoStep.isRecentlyAuthenticated(session)) {
            return Outcome.refused(SettingsProblem.REAUTHENTICATION_REQUIRED);
        }
        Optional<Instant> frozen = frozenUntil.apply(session.accountId());
        if (frozen.isPresent()) {
            return Outcome.refused(SettingsProblem.CONTACTS_FROZEN, frozen);
        }
        PhoneNumber.Parsed parsed = PhoneNumber.parse(input, defaultRegion);
        if (parsed.number().isEmpty()) {
            return Outcome.refused(parsed.problem().orElseThrow() == PhoneNumber.Problem.NOT_MOBILE
                    ? SettingsProblem.PHONE_NOT_MOBILE : SettingsProblem.PHONE_INVALID);
        }
        PhoneNumber number = parsed.number().get();
        Optional<ContactChannel> current = channels.find(session.accountId(), Channel.SMS);
        if (current.isPresent() && current.get().address().equals(number.e164()) && current.get().smsLogin()) {
            return Outcome.refused(SettingsProblem.ALREADY_VERIFIED);
        }
        // Only a number this account has verified already shares the budget of its login and recovery codes.
        boolean proven = current.isPresent() && current.get().address().equals(number.e164());
        return send(session.accountId(), CodePurpose.VERIFY_PHONE, Channel.SMS, number.e164(), number.masked(),
                language, proven, from);
    }

    /** Enters the code sent to the new phone: the number is bound and becomes an SMS login method. */
    public Outcome<PhoneConfirmed, SettingsProblem> confirmPhone(Session session, String code, String language, ClientAddress from) {
        if (twoStep.needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        if (!twoStep.isRecentlyAuthenticated(session)) {
            return Outcome.refused(SettingsProblem.REAUTHENTICATION_REQUIRED);
        }
        AccountId id = session.accountId();
        Outcome<String, SettingsProblem> verified = verify(id, CodePurpose.VERIFY_PHONE, code, from);
        if (verified instanceof Outcome.Refused<?, SettingsProblem> refused) {
            return refused.recast();
        }
        String e164 = verified.doneValue().orElseThrow();
        boolean wasEnabled = twoStep.isEnabled(id);
        // The new number, its audit records, the notice to the former number and (the first time) the first
        // backup codes: all or none.
        return Outcome.done(twoStep.inOneTransaction(() -> {
            Optional<ContactChannel> previous = channels.find(id, Channel.SMS);
            ContactChannel phone = new ContactChannel(id, Channel.SMS, e164, language, true, clock.instant());
            channels.save(phone);
            boolean changed = previous.isPresent() && !previous.get().address().equals(e164);
            AuditEvent event = audit.record(AuditType.PHONE_VERIFIED, id, from.value(),
                    Map.of("channel", "sms", "phone", phone.masked(), "changed", String.valueOf(changed)));
            if (changed) {
                ContactChannel old = previous.get();
                notifications.notifyFormerAddress(id, Alert.PHONE_CHANGED, Channel.SMS, old.address(), old.language(),
                        event);
            }
            if (previous.isEmpty() || !previous.get().smsLogin()) {
                audit.record(AuditType.SMS_LOGIN_ENABLED, id, from.value(), Map.of("method", "sms", "channel", "sms"));
            }
            TwoStepSettings.TurnedOn on = twoStep.methodAdded(session, FactorKind.SMS, wasEnabled, from);
            return new PhoneConfirmed(phone, on.firstBackupCodes(), on.raised());
        }));
    }

    /** Sends a verification code to a new email address. */
    public Outcome<CodeSent, SettingsProblem> requestEmail(Session session, String input, String language, ClientAddress from) {
        if (twoStep.needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        if (!twoStep.isRecentlyAuthenticated(session)) {
            return Outcome.refused(SettingsProblem.REAUTHENTICATION_REQUIRED);
        }
        Optional<Instant> frozen = frozenUntil.apply(session.accountId());
        if (frozen.isPresent()) {
            return Outcome.refused(SettingsProblem.CONTACTS_FROZEN, frozen);
        }
        Optional<EmailAddress> email = EmailAddress.parse(input);
        if (email.isEmpty()) {
            return Outcome.refused(SettingsProblem.EMAIL_INVALID);
        }
        Optional<ContactChannel> current = channels.find(session.accountId(), Channel.EMAIL);
        if (current.isPresent() && current.get().address().equals(email.get().value())) {
            return Outcome.refused(SettingsProblem.ALREADY_VERIFIED);
        }
        return send(session.accountId(), CodePurpose.VERIFY_EMAIL, Channel.EMAIL, email.get().value(),
                email.get().masked(), language, false, from);
    }

    /** Enters the code sent to the new email address; it becomes the account's email. */
    public Outcome<ContactChannel, SettingsProblem> confirmEmail(Session session, String code, String language, ClientAddress from) {
        if (twoStep.needsSecondFactor(session)) {
            return Outcome.refused(SettingsProblem.SECOND_FACTOR_REQUIRED);
        }
        if (!twoStep.isRecentlyAuthenticated(session)) {
            return Outcome.refused(SettingsProblem.REAUTHENTICATION_REQUIRED);
        }
        AccountId id = session.accountId();
        Outcome<String, SettingsProblem> verified = verify(id, CodePurpose.VERIFY_EMAIL, code, from);
        if (verified instanceof Outcome.Refused<?, SettingsProblem> refused) {
            return refused.recast();
        }
        // The new address, its audit record and the notice to the former address: all or none.
        return Outcome.done(twoStep.inOneTransaction(() -> {
            Optional<ContactChannel> previous = channels.find(id, Channel.EMAIL);
            ContactChannel email = new ContactChannel(id, Channel.EMAIL, verified.doneValue().orElseThrow(), language, false,
                    clock.instant());
            channels.save(email);
            boolean changed = previous.isPresent();
            AuditEvent event = audit.record(AuditType.EMAIL_VERIFIED, id, from.value(),
                    Map.of("channel", "email", "email", email.masked(), "changed", String.valueOf(changed)));
            if (changed) {
                ContactChannel old = previous.get();
                notifications.notifyFormerAddress(id, Alert.EMAIL_CHANGED, Channel.EMAIL, old.address(), old.language(),
                        event);
            }
            return email;
        }));
    }

    private Outcome<CodeSent, SettingsProblem> send(AccountId id, CodePurpose purpose, Channel channel, String address,
                                           String masked, String language, boolean proven, ClientAddress from) {
        SendResult result = sender.send(id, purpose, address, channel, address, masked, language, proven, from.value(),
                clock.instant());
        return switch (result) {
            case SendResult.Sent sent -> {
                audit.record(AuditType.CODE_SENT, id, from.value(), Map.of("purpose", purpose.name(), "to", masked));
                yield Outcome.done(new CodeSent(channel, masked, sent.nextSendAt()));
            }
            case SendResult.Throttled throttled -> {
                audit.record(AuditType.CODE_SEND_THROTTLED, id, from.value(), Map.of("purpose", purpose.name()));
                yield Outcome.refused(throttled.coolDown() ? SettingsProblem.SENT_RECENTLY
                        : SettingsProblem.TOO_MANY_SENDS, Optional.of(throttled.retryAt()));
            }
            case SendResult.DeliveryFailed failed -> {
                audit.record(AuditType.CODE_SEND_FAILED, id, from.value(), Map.of("purpose", purpose.name()));
                yield Outcome.refused(SettingsProblem.DELIVERY_FAILED);
            }
            case SendResult.RegionNotAllowed refused -> Outcome.refused(SettingsProblem.PHONE_REGION_NOT_ALLOWED);
        };
    }

    /** Checks the code against the newest pending verification; the verified address on success. */
    private Outcome<String, SettingsProblem> verify(AccountId id, CodePurpose purpose, String code, ClientAddress from) {
        Optional<String> binding = codes.latestBinding(id, purpose);
        if (binding.isEmpty()) {
            return Outcome.refused(SettingsProblem.NO_PENDING_VERIFICATION);
        }
        AttemptGuard.Result attempt = guard.begin(FactorKind.SMS, id.toString(), from.value(), clock.instant());
        if (attempt.rejection().isPresent()) {
            return Outcome.refused(attempt.rejection().get().reason() == RejectReason.LOCKED
                    ? SettingsProblem.METHOD_LOCKED : SettingsProblem.TOO_MANY_ATTEMPTS, attempt.rejection().get().retryAt());
        }
        Verification result = codes.verify(id, purpose, binding.get(), code, FactorKind.SMS, clock.instant());
        if (result instanceof Verification.Rejected rejected) {
            SettingsProblem problem = switch (rejected.reason()) {
                case MALFORMED_INPUT -> SettingsProblem.CODE_MALFORMED;
                case ALREADY_USED -> SettingsProblem.NO_PENDING_VERIFICATION;
                case EXPIRED -> SettingsProblem.CODE_EXPIRED;
                case SUPERSEDED -> SettingsProblem.CODE_SUPERSEDED;
                default -> SettingsProblem.CODE_INVALID;
            };
            return Outcome.refused(problem);
        }
        guard.succeeded(attempt.ticket().orElseThrow());
        return Outcome.done(binding.get());
    }
}
