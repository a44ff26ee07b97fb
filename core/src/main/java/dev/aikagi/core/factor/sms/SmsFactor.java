package dev.aikagi.core.factor.sms;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.code.CodePurpose;
import dev.aikagi.core.code.CodeSender;
import dev.aikagi.core.code.SendResult;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.RejectReason;
import dev.aikagi.core.factor.Verification;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Codes by SMS as a second factor: a NIST SP 800-63B "restricted" authenticator, offered but never
 * the only or the default method when two-step verification is turned on. A login code is bound to
 * the login flow that asked for it, lives 10 minutes and works once.
 */
public final class SmsFactor {

    private final ContactChannelRepository channels;
    private final CodeSender sender;

    public SmsFactor(ContactChannelRepository channels, CodeSender sender) {
        this.channels = Objects.requireNonNull(channels, "channels");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    /** The account's phone, if it is a login factor. */
    public Optional<ContactChannel> phone(AccountId accountId) {
        return channels.find(accountId, Channel.SMS).filter(ContactChannel::smsLogin);
    }

    public boolean isEnrolled(AccountId accountId) {
        return phone(accountId).isPresent();
    }

    /** Sends a login code for {@code flowId} to the account's phone. */
    public SendResult sendLoginCode(AccountId accountId, UUID flowId, Instant now) {
        ContactChannel phone = phone(accountId).orElseThrow(() -> new IllegalStateException("no SMS factor"));
        return sender.send(accountId, CodePurpose.LOGIN_SMS, flowId.toString(), Channel.SMS, phone.address(),
                phone.masked(), phone.language(), now);
    }

    /**
     * Sends a login code for {@code flowId} to the account's phone, for a request from {@code from}: limited per
     * client address and by the hourly text-message budget too, and refused if the number's region is not allowed.
     */
    public SendResult sendLoginCode(AccountId accountId, UUID flowId, String from, Instant now) {
        ContactChannel phone = phone(accountId).orElseThrow(() -> new IllegalStateException("no SMS factor"));
        return sender.send(accountId, CodePurpose.LOGIN_SMS, flowId.toString(), Channel.SMS, phone.address(),
                phone.masked(), phone.language(), true, from, now);
    }

    /** Checks a login code: it must be the newest code sent for this very flow. */
    public Verification verifyLoginCode(AccountId accountId, UUID flowId, String input, Instant now) {
        if (!isEnrolled(accountId)) {
            return Verification.Rejected.of(RejectReason.NOT_ENROLLED);
        }
        return sender.codes().verify(accountId, CodePurpose.LOGIN_SMS, flowId.toString(), input, FactorKind.SMS, now);
    }

    /** Stops SMS codes at login; the number stays for recovery and notifications. */
    public boolean disable(AccountId accountId) {
        return channels.setSmsLogin(accountId, false);
    }
}
