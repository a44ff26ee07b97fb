package dev.aikagi.server.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * "Send again" pressed within the cool-down after a code was sent (issue 17): not "too many codes" but what
 * happened — "We sent a code to •••• ••78. You can ask for another in 0:27." The page renders the wait to the
 * second (it works without script) and {@code app.js} counts it down and enables the send buttons at 0; the API
 * answers the same {@code 429 too_many_sends} as before, with {@code nextSendAt} beside {@code retryAt}.
 */
public final class SendAgain {

    /** The key of the refusal's text, which names the wait as {@code {0}} ("0:27"). */
    static final String KEY = "error.sent_recently";

    private SendAgain() {
    }

    /** The refusal of a send within the cool-down; its {@code retryAt} is the next send's time. */
    public static Refusal refusal(HttpStatus status, String code) {
        return Refusal.untilRetry(status, code, KEY);
    }

    static boolean is(Refusal refusal) {
        return KEY.equals(refusal.key());
    }

    /** Whole seconds until {@code at}, rounded up, never below 0. */
    static long secondsUntil(Instant at, Instant now) {
        Duration left = Duration.between(now, at);
        if (left.isNegative() || left.isZero()) {
            return 0;
        }
        return left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
    }

    /** "0:27", "1:05": minutes and seconds, as the countdown in {@code app.js} writes it too. */
    static String countdown(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
