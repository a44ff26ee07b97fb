package dev.aikagi.server.properties;

import dev.aikagi.core.factor.password.BoundedHashWorkers;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operator settings under {@code aikagi.*} (application.yml or environment variables such as
 * {@code AIKAGI_BACKUPCODES_SETSIZE}). Validated once at start-up by {@code config.Settings}.
 *
 * <p>{@code secureCookies}: Secure and {@code __Host-} cookies; defaults to on in production mode (behind
 * HTTPS) and off in development (plain http://localhost). {@code timeZone}: the zone pages show times in
 * (an IANA id such as {@code Asia/Tokyo}); the server's own zone when unset. {@code publicUrl}: the address
 * people reach Aikagi at, for links in emails and text messages. {@code phoneRegion}: the country (ISO
 * 3166 code) of phone numbers typed without {@code +}.
 */
@ConfigurationProperties("aikagi")
public record AikagiProperties(
        @DefaultValue("development") Mode mode,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("Aikagi") String issuer,
        @DefaultValue BackupCodes backupCodes,
        @DefaultValue Password password,
        @DefaultValue Keys keys,
        Boolean secureCookies,
        String timeZone,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("JP") String phoneRegion,
        @DefaultValue Recovery recovery,
        @DefaultValue TrustedDevices trustedDevices,

        @DefaultValue Account account,
        @DefaultValue Admin admin) {

    public enum Mode { DEVELOPMENT, PRODUCTION }

    /** The zone pages show times in. */
    public java.time.ZoneId displayZone() {
        if (timeZone == null || timeZone.isBlank()) {
            return java.time.ZoneId.systemDefault();
        }
        try {
            return java.time.ZoneId.of(timeZone.strip());
        } catch (java.time.DateTimeException e) {
            throw new InvalidConfigurationException("aikagi.time-zone: '" + timeZone + "' is not a time zone id",
                    "Use an IANA zone id such as Asia/Tokyo or UTC.");
        }
    }

    /**
     * Account recovery: {@code waitingPeriod} between enough proof and the new factors (every channel is told;
     * 0 allowed), {@code contactFreeze} after a recovery during which email and phone cannot change.
     */
    public record Recovery(@DefaultValue("24h") java.time.Duration waitingPeriod,
                           @DefaultValue("7d") java.time.Duration contactFreeze) {
    }

    /**
     * Issue 17, "remember this browser": {@code lifetime} a browser or app stays trusted to skip the second step
     * (default 30 days; 0 turns the feature off; at most 400 days, the longest a browser keeps a cookie).
     */
    public record TrustedDevices(@DefaultValue("30d") java.time.Duration lifetime) {
    }

    /**
     * The account's own life (issue 17): {@code deleteAfter}, how long a deletion the owner asked for waits (every
     * channel is told, with a link that cancels) before the data is erased.
     */
    /** Issue 18: how long an invitation link (a user created with {@code invite}) works. */
    public record Admin(@DefaultValue("7d") java.time.Duration invitationLifetime) {
    }

    public record Account(@DefaultValue("7d") java.time.Duration deleteAfter) {
        public Account {
            if (deleteAfter.isNegative()) {
                throw new InvalidConfigurationException("aikagi.account.delete-after: must not be negative",
                        "Set aikagi.account.delete-after to a duration such as 7d (the default) or 0 to erase at once.");
            }
        }
    }

    public record BackupCodes(@DefaultValue("10") int setSize, @DefaultValue("false") boolean showOnce) {
    }

    /**
     * {@code hashWorkers}: how many Argon2id hashes run at once, on their own threads (default: one per core);
     * {@code hashQueue}: how many more may wait for one before a login gets 503 {@code service_busy}
     * (default: 16 × workers, so a queued login waits at most ~16 hash times, about 1 s at OWASP's cost; the
     * queue holds no Argon2 memory). Memory held for hashing is hash-workers × argon2-memory-kib.
     */
    public record Password(@DefaultValue("19456") int argon2MemoryKib, @DefaultValue("2") int argon2Iterations,
                           @DefaultValue("1") int argon2Parallelism, Path blocklistFile,
                           Integer hashWorkers, Integer hashQueue) {

        /** The configured number of hash workers, or the number of cores. */
        public int hashWorkersOrDefault() {
            return hashWorkers != null ? hashWorkers : Runtime.getRuntime().availableProcessors();
        }

        /** The configured queue, or sixteen hashes per worker. */
        public int hashQueueOrDefault() {
            return hashQueue != null ? hashQueue : 16 * hashWorkersOrDefault();
        }

        /** The hash workers these settings ask for; a value out of range stops the start naming its setting. */
        public BoundedHashWorkers newHashWorkers() {
            int workers = hashWorkersOrDefault();
            if (workers < 1 || workers > 1024) {
                throw new InvalidConfigurationException("aikagi.password.hash-workers: must be 1-1024, is " + workers,
                        "Leave it unset for one worker per core, or set fewer to cap the memory hashing holds.");
            }
            int queue = hashQueueOrDefault();
            if (queue < 0 || queue > 1_000_000) {
                throw new InvalidConfigurationException("aikagi.password.hash-queue: must be 0-1000000, is " + queue,
                        "Leave it unset for 16 waiting hashes per worker.");
            }
            return new BoundedHashWorkers(workers, queue);
        }
    }

    /**
     * Keys as Base64 of 32 bytes each, by key id. {@code pepper} keys the HMAC of backup and one-time
     * codes; {@code encryption} seals TOTP secrets and showable backup codes. Keep older ids listed
     * while rotating.
     */
    public record Keys(String pepperCurrent, Map<String, String> pepper,
                       String encryptionCurrent, Map<String, String> encryption) {
        public Keys {
            pepper = pepper == null ? Map.of() : Map.copyOf(pepper);
            encryption = encryption == null ? Map.of() : Map.copyOf(encryption);
        }

        public boolean isEmpty() {
            return pepper.isEmpty() && encryption.isEmpty();
        }

        @Override
        public String toString() {
            return "Keys[pepper=" + pepper.keySet() + " current " + pepperCurrent
                    + ", encryption=" + encryption.keySet() + " current " + encryptionCurrent + "]";
        }
    }
}
