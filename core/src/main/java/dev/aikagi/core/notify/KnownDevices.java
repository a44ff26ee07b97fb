package dev.aikagi.core.notify;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.crypto.SecretGenerator;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Recognises the browsers (and apps) an account logs in from, by a long-lived random device token
 * the client keeps (a cookie, or a header from the mobile app). A login from a device the account has
 * not seen is audited as {@link AuditType#LOGIN_NEW_DEVICE}, which notifies the owner. Only the token's
 * SHA-256 is stored.
 */
public final class KnownDevices {

    private final KnownDeviceRepository repository;
    private final SecretGenerator generator;
    private final Auditor audit;
    private final Clock clock;

    public KnownDevices(KnownDeviceRepository repository, SecretGenerator generator, Auditor audit, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new device token for a client that has none. */
    public String newToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(generator.bytes(24));
    }

    /** The device an account was created on is known from the start: its first login there is not news. */
    public void signedUp(AccountId accountId, String deviceToken) {
        if (deviceToken != null && !deviceToken.isEmpty() && deviceToken.length() <= 128) {
            repository.remember(accountId, SecurityNotifications.hash(deviceToken), clock.instant());
        }
    }

    /**
     * Records a completed login from the device holding {@code deviceToken}.
     *
     * @return true if it is a new device for this account (and the owner is being told)
     */
    public boolean loggedIn(AccountId accountId, String deviceToken, String clientAddress, String description) {
        if (deviceToken == null || deviceToken.isEmpty() || deviceToken.length() > 128) {
            return false;
        }
        boolean isNew = repository.remember(accountId, SecurityNotifications.hash(deviceToken), clock.instant());
        if (isNew) {
            audit.record(AuditType.LOGIN_NEW_DEVICE, accountId, clientAddress,
                    Map.of("device", description == null ? "" : description));
        }
        return isNew;
    }
}
