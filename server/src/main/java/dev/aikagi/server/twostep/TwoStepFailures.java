package dev.aikagi.server.twostep;

import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.server.web.ApiRequests;
import dev.aikagi.server.web.Refusal;
import dev.aikagi.server.web.SettingsFailures;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The status, code and text of every refusal of the two-step journeys — the authenticator app, backup codes,
 * removing a method, turning two-step verification off, the step-up — for the pages and {@code /api/v1/me}'s
 * two-step operations alike. A wrong code or password here is {@code 422}: the session stays valid.
 */
public final class TwoStepFailures {

    /** A method name that is not one of the second-step methods (or not one this form offers). */
    static final Refusal UNKNOWN_METHOD = ApiRequests.UNKNOWN_METHOD;

    /** {@code GET /api/v1/me/backup-codes} for an account without any. */
    static final Refusal NO_BACKUP_CODES = Refusal.of(HttpStatus.NOT_FOUND, "no_backup_codes",
            "api.error.no_backup_codes");

    private TwoStepFailures() {
    }

    /**
     * The refusal of {@code problem}; {@code method} is the factor whose code was refused (null when no code was
     * involved), so that a malformed code says how many digits the method's codes have.
     */
    public static Refusal of(SettingsProblem problem, FactorKind method, Optional<Instant> retryAt) {
        return SettingsFailures.of(problem, method, retryAt);
    }
}
