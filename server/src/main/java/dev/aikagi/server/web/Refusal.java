package dev.aikagi.server.web;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * A refused request as both the page and the API answer it: the HTTP status, the stable problem {@code code}
 * (the API's contract, never renamed) and the key of its text in {@code messages.properties}, shown on the page
 * and sent as the API problem's {@code detail}, in the reader's language. Each journey's {@code *Failures}
 * class makes these from its core failures, so that its page and its API cannot disagree.
 *
 * <h2>What each status means</h2>
 * <ul>
 *   <li>{@code 401}: the request carries no valid session — no token, an unknown or ended one — or, at login
 *       ({@code /login}, {@code /api/v1/login}), the caller is not authenticated yet: a wrong password or a
 *       wrong second-step code there is {@code 401}, since there is no session to lose (RFC 9110 §15.5.2).</li>
 *   <li>{@code 422}: inside a valid session (or a recovery case), a code or password that is wrong, used,
 *       expired or replaced. Never {@code 401}: an app that signs its user out on {@code 401} must not do so
 *       for a typo (issue 16).</li>
 *   <li>{@code 403}: the session is valid but may not do this yet (the password again, a second factor, or a
 *       recovery session's limits).</li>
 *   <li>{@code 400}: the input has the wrong shape (a missing field, a code with the wrong number of digits,
 *       a password the policy refuses, a method that is not the account's); {@code 409}: the account's state
 *       does not allow it; {@code 410}: what the request names is over; {@code 429}: a limit, with
 *       {@code retryAt}; {@code 502}: the code could not be sent.</li>
 * </ul>
 *
 * @param status     the HTTP status of the page and of the API answer
 * @param code       the problem's stable code
 * @param key        the message key of the text
 * @param arguments  the text's arguments, if any
 * @param retryAt    when to try again, if there is a limit (the API's {@code retryAt} and {@code Retry-After})
 * @param retryInText whether the text names the time to try again as {@code {0}} ({@code key + ".later"} without one)
 */
public record Refusal(HttpStatus status, String code, String key, List<Object> arguments, Optional<Instant> retryAt,
                      boolean retryInText) {

    public Refusal {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(key, "key");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(retryAt, "retryAt");
    }

    /** A refusal whose text takes {@code arguments}. */
    public static Refusal of(HttpStatus status, String code, String key, Object... arguments) {
        return new Refusal(status, code, key, List.of(arguments), Optional.empty(), false);
    }

    /** A limit: the text names the time to try again as {@code {0}}, or is {@code key + ".later"} without one. */
    public static Refusal untilRetry(HttpStatus status, String code, String key) {
        return new Refusal(status, code, key, List.of(), Optional.empty(), true);
    }

    /** The same refusal, with when to try again. */
    public Refusal retryAt(Optional<Instant> at) {
        return new Refusal(status, code, key, arguments, at, retryInText);
    }
}
