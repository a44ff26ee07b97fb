package dev.aikagi.server.oidc;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes authorizations whose code and tokens have all expired (a day later: an expired ID token may still
 * name the login at logout), signing keys past their publication, and the record of spent refresh tokens a day
 * after they would have expired. Safe on several nodes at once: each
 * run is one idempotent DELETE per table.
 */
class OidcHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(OidcHousekeeping.class);
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    OidcHousekeeping(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT10M")
    void run() {
        int[] deleted = deleteExpired(clock.instant());
        if (deleted[0] + deleted[1] + deleted[2] > 0) {
            log.debug("Deleted {} expired authorizations, {} retired signing keys and {} spent refresh tokens",
                    deleted[0], deleted[1], deleted[2]);
        }
    }

    /** Returns how many authorizations, keys and spent refresh tokens ({@link RefreshTokenFamilies}) were deleted. */
    int[] deleteExpired(Instant now) {
        Timestamp before = Timestamp.from(now.minus(KEPT_AFTER_EXPIRY));
        int authorizations = jdbc.update("delete from oauth2_authorization where"
                + " (authorization_code_expires_at is not null or access_token_expires_at is not null)"
                + " and (authorization_code_expires_at is null or authorization_code_expires_at < ?)"
                + " and (access_token_expires_at is null or access_token_expires_at < ?)"
                + " and (oidc_id_token_expires_at is null or oidc_id_token_expires_at < ?)"
                + " and (refresh_token_expires_at is null or refresh_token_expires_at < ?)",
                before, before, before, before);
        int keys = jdbc.update("delete from oidc_signing_key where retire_at < ?", Timestamp.from(now));
        int spent = jdbc.update("delete from oidc_spent_refresh_token where expires_at < ?", before);
        return new int[] {authorizations, keys, spent};
    }
}
