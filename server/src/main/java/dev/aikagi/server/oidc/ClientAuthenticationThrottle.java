package dev.aikagi.server.oidc;

import dev.aikagi.core.policy.AddressPrefix;
import dev.aikagi.core.policy.AttemptBudget;
import dev.aikagi.core.policy.AttemptDecision;
import dev.aikagi.core.policy.AttemptRepository;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Rate-limits client authentication at the token, revocation and introspection endpoints, where a stranger
 * could otherwise guess a confidential client's secret (or a public client's code verifier) without limit, and
 * make the server hash every guess. Every attempt is counted before anything is checked (as for the factors,
 * {@link dev.aikagi.core.policy.AttemptGuard}): first on the caller's address, then on the client id, in the
 * shared {@code attempt_counter} table, so the limits hold across nodes. A success takes back the address's
 * count and clears the client's.
 *
 * <p>The client budget only slows strangers down and never locks out: a hard limit would let anyone stop an
 * application's logins by sending wrong secrets in its name. A refused request gets {@code 429} with
 * {@code Retry-After} and the OAuth error {@code temporarily_unavailable} (RFC 6749 §4.1.2.1), so client
 * libraries show a temporary error rather than a wrong-secret one.
 */
final class ClientAuthenticationThrottle implements AuthenticationProvider {

    /** Per caller address: 20 free failures, then 1 s doubling up to 5 minutes; forgotten after a quiet hour. */
    static final AttemptBudget PER_ADDRESS =
            new AttemptBudget(20, Duration.ofSeconds(1), Duration.ofMinutes(5), 0, Duration.ofHours(1));
    /** Per client id, from every address together: 50 free failures, then 1 s doubling up to 1 minute. */
    static final AttemptBudget PER_CLIENT =
            new AttemptBudget(50, Duration.ofSeconds(1), Duration.ofMinutes(1), 0, Duration.ofHours(1));

    /** The error of a refused attempt; {@link #failureHandler} answers it with 429. */
    static final class Throttled extends OAuth2AuthenticationException {
        private final transient Instant retryAt;

        Throttled(Instant retryAt) {
            super(new OAuth2Error("temporarily_unavailable",
                    "Too many failed client authentications; try again later.", null));
            this.retryAt = retryAt;
        }

        Instant retryAt() {
            return retryAt;
        }
    }

    private final AuthenticationManager delegate;
    private final AttemptRepository attempts;
    private final Clock clock;
    private final Runnable onThrottled;

    /**
     * Puts the throttle in front of {@code providers}, in place: the list then holds only the throttle, which asks
     * the original providers in their order.
     */
    static void wrap(List<AuthenticationProvider> providers, AttemptRepository attempts, Clock clock,
                     Runnable onThrottled) {
        ProviderManager original = new ProviderManager(List.copyOf(providers));
        // The outer manager erases credentials, as it did before.
        original.setEraseCredentialsAfterAuthentication(false);
        providers.clear();
        providers.add(new ClientAuthenticationThrottle(original::authenticate, attempts, clock, onThrottled));
    }

    ClientAuthenticationThrottle(AuthenticationManager delegate, AttemptRepository attempts, Clock clock,
                                 Runnable onThrottled) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onThrottled = Objects.requireNonNull(onThrottled, "onThrottled");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
        Instant now = clock.instant();
        String addressKey = addressKey(authentication);
        refuseUnlessAllowed(attempts.acquire(addressKey, PER_ADDRESS, now));
        String clientKey = clientKey(String.valueOf(request.getPrincipal()));
        AttemptDecision byClient = attempts.acquire(clientKey, PER_CLIENT, now);
        if (!(byClient instanceof AttemptDecision.Allowed)) {
            // Nothing is checked, so the address is not charged for it.
            attempts.release(addressKey);
            refuseUnlessAllowed(byClient);
        }
        Authentication result;
        try {
            result = delegate.authenticate(authentication);
        } catch (ProviderNotFoundException e) {
            // No provider took the request (another filter's concern): nothing was tried.
            attempts.release(addressKey);
            attempts.release(clientKey);
            return null;
        }
        // A thrown AuthenticationException leaves both counts standing: a failed attempt.
        if (result == null) {
            attempts.release(addressKey);
            attempts.release(clientKey);
            return null;
        }
        attempts.release(addressKey);
        attempts.reset(clientKey);
        return result;
    }

    private void refuseUnlessAllowed(AttemptDecision decision) {
        switch (decision) {
            case AttemptDecision.Allowed allowed -> {
                // go on
            }
            case AttemptDecision.Throttled throttled -> {
                onThrottled.run();
                throw new Throttled(throttled.retryAt());
            }
            case AttemptDecision.Exhausted exhausted -> {
                // Not reached: these budgets have no hard limit.
                onThrottled.run();
                throw new Throttled(clock.instant().plus(Duration.ofHours(1)));
            }
        }
    }

    static String addressKey(Authentication authentication) {
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        if (address == null || address.isBlank()) {
            address = "unknown";
        }
        String network = AddressPrefix.of(address);
        return "client:address:" + (network.length() > 64 ? network.substring(0, 64) : network);
    }

    /** The client id as sent (it may name no client); long ones by their SHA-256, to fit the key column. */
    static String clientKey(String clientId) {
        if (clientId.length() <= 128) {
            return "client:id:" + clientId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(clientId.getBytes(StandardCharsets.UTF_8));
            return "client:id-sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * The client authentication filter's answer to a failure — 401 for {@code invalid_client}, 400 otherwise,
     * with the OAuth error as JSON — plus 429 and {@code Retry-After} for a refused attempt.
     */
    static AuthenticationFailureHandler failureHandler(Clock clock) {
        HttpMessageConverter<OAuth2Error> json = new OAuth2ErrorHttpMessageConverter();
        return (request, response, exception) -> {
            SecurityContextHolder.clearContext();
            OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth
                    ? oauth.getError() : new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
            int status;
            if (exception instanceof Throttled throttled) {
                status = HttpStatus.TOO_MANY_REQUESTS.value();
                long millis = Duration.between(clock.instant(), throttled.retryAt()).toMillis();
                long seconds = Math.max(1, (millis + 999) / 1000);
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            } else {
                status = OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())
                        ? HttpServletResponse.SC_UNAUTHORIZED : HttpServletResponse.SC_BAD_REQUEST;
            }
            write(json, error, response, status);
        };
    }

    private static void write(HttpMessageConverter<OAuth2Error> json, OAuth2Error error,
                              HttpServletResponse response, int status) throws IOException {
        response.setStatus(status);
        json.write(error, null, new ServletServerHttpResponse(response));
    }
}
