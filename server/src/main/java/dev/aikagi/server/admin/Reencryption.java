package dev.aikagi.server.admin;

import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretUnavailableException;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.factor.backup.StoredBackupCode;
import dev.aikagi.core.factor.totp.TotpFactor;
import dev.aikagi.core.support.SupportService;
import dev.aikagi.jdbc.JdbcSealedSecrets;
import dev.aikagi.jdbc.JdbcSealedSecrets.Column;
import dev.aikagi.jdbc.JdbcSealedSecrets.Sealed;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-seals every sealed secret (TOTP secrets, backup codes kept for showing again, queued message bodies,
 * support request files) under the current encryption key, after a new key was added and made current.
 * Each value is opened with whichever configured key sealed it, sealed again with the current one and written
 * back only if the row still holds what was read (so nodes may keep serving, and running it twice is
 * harmless). Values that cannot be opened (their key is no longer configured, or they were altered) are
 * counted and left as they are.
 *
 * <p>Peppers are another matter: the digests of backup and one-time codes cannot be computed again without
 * the codes, so an old pepper id must stay configured until the codes it covers are used, expire or are replaced.
 */
final class Reencryption {

    static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(Reencryption.class);

    private final JdbcSealedSecrets secrets;
    private final SecretCipher cipher;
    private final String currentKeyId;

    Reencryption(JdbcSealedSecrets secrets, SecretCipher cipher, String currentKeyId) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.currentKeyId = Objects.requireNonNull(currentKeyId, "currentKeyId");
    }

    /** What one run did, per table. */
    record Summary(String keyId, Map<Column, Integer> resealed, Map<Column, Integer> unreadable) {

        int totalUnreadable() {
            return unreadable.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** The line the command ends with. */
        String line() {
            return "Re-encryption under key '" + keyId + "' done: re-sealed " + per(resealed) + "; could not open "
                    + totalUnreadable() + (totalUnreadable() == 0 ? "" : " (" + per(unreadable) + "; they keep their old key)");
        }

        private static String per(Map<Column, Integer> counts) {
            return counts.entrySet().stream().map(e -> e.getKey().table() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    Summary run() {
        Map<Column, Integer> resealed = new EnumMap<>(Column.class);
        Map<Column, Integer> unreadable = new EnumMap<>(Column.class);
        for (Column column : Column.values()) {
            int done = 0;
            int failed = 0;
            Optional<UUID> after = Optional.empty();
            while (true) {
                List<Sealed> batch = secrets.notUnder(column, currentKeyId, after, BATCH);
                for (Sealed sealed : batch) {
                    if (reseal(column, sealed)) {
                        done++;
                    } else {
                        failed++;
                    }
                }
                if (batch.size() < BATCH) {
                    break;
                }
                after = Optional.of(batch.getLast().id());
            }
            resealed.put(column, done);
            unreadable.put(column, failed);
            log.info("Re-encryption: {} re-sealed in {}", done, column.table());
        }
        return new Summary(currentKeyId, resealed, unreadable);
    }

    /** False only when the value cannot be opened; a row changed or deleted meanwhile needs nothing. */
    private boolean reseal(Column column, Sealed sealed) {
        String context = context(column, sealed.id());
        byte[] plain;
        try {
            plain = cipher.open(sealed.value(), context);
        } catch (SecretUnavailableException e) {
            // The reason names a key id or says "failed authentication": never any of the secret.
            log.warn("Re-encryption: {} row {} cannot be opened: {}", column.table(), sealed.id(), e.getMessage());
            return false;
        }
        try {
            secrets.replace(column, sealed.id(), sealed.value(), cipher.seal(plain, context));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        return true;
    }

    /** The associated data each kind of value was sealed with, as the code that sealed it says. */
    static String context(Column column, UUID id) {
        return switch (column) {
            case TOTP_SECRET -> TotpFactor.sealingContext(id);
            case BACKUP_CODE -> StoredBackupCode.sealingContext(id);
            case MESSAGE_BODY -> Deliveries.sealingContext(id);
            case SUPPORT_EVIDENCE -> SupportService.sealingContext(id);
        };
    }
}
