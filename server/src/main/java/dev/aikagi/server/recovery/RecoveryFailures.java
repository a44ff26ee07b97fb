package dev.aikagi.server.recovery;

import dev.aikagi.core.recovery.RecoveryFailure;
import dev.aikagi.server.web.Refusal;
import dev.aikagi.server.web.SendAgain;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The status, code and text of every refused recovery step, for the recovery pages and {@code /api/v1/recovery}
 * alike. A wrong, expired or replaced proof is {@code 422}: the case and its token stay valid ({@code 401} is
 * only for a request without a valid session, see {@link Refusal}).
 */
public final class RecoveryFailures {

    /** The owner's "cancel" link is unknown, expired or used (the same answer as the "not me" page's). */
    static final Refusal LINK_INVALID = Refusal.of(HttpStatus.GONE, "link_invalid", "notme.invalid");

    private RecoveryFailures() {
    }

    public static Refusal of(RecoveryFailure failure, Optional<Instant> retryAt) {
        HttpStatus status = switch (failure) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CLOSED -> HttpStatus.GONE;
            case NOT_READY -> HttpStatus.CONFLICT;
            case UNKNOWN_CHANNEL, CODE_MALFORMED -> HttpStatus.BAD_REQUEST;
            case PROOF_INVALID, CODE_EXPIRED, CODE_SUPERSEDED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case TOO_MANY_ATTEMPTS, TOO_MANY_SENDS, SENT_RECENTLY -> HttpStatus.TOO_MANY_REQUESTS;
        };
        String key = "recovery.error." + failure.code();
        Refusal refusal = switch (failure) {
            case TOO_MANY_ATTEMPTS, TOO_MANY_SENDS -> Refusal.untilRetry(status, failure.code(), key);
            case SENT_RECENTLY -> SendAgain.refusal(status, failure.code());
            default -> Refusal.of(status, failure.code(), key);
        };
        return refusal.retryAt(retryAt);
    }
}
