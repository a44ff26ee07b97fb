package dev.aikagi.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.policy.InMemoryAttemptRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The token endpoint's client authentication is counted per address and per client id before it is checked. */
class ClientAuthenticationThrottleTest {

    static final String RIGHT = "right-secret";

    final MutableClock clock = MutableClock.at("2026-12-06T10:00:00Z");
    final InMemoryAttemptRepository attempts = new InMemoryAttemptRepository();
    final AtomicInteger checked = new AtomicInteger();
    final AtomicInteger refusals = new AtomicInteger();
    /** Checks the secret like the authorization server's provider: right one in, anything else invalid_client. */
    final ClientAuthenticationThrottle throttle = new ClientAuthenticationThrottle(request -> {
        checked.incrementAndGet();
        if (!RIGHT.equals(request.getCredentials())) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
        }
        return UsernamePasswordAuthenticationToken.authenticated(request.getPrincipal(), null, List.of());
    }, attempts, clock, refusals::incrementAndGet);

    static OAuth2ClientAuthenticationToken attempt(String clientId, String secret, String address) {
        OAuth2ClientAuthenticationToken token =
                new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, secret, null);
        token.setDetails(new WebAuthenticationDetails(address, null));
        return token;
    }

    void fail(String clientId, String address) {
        assertThatThrownBy(() -> throttle.authenticate(attempt(clientId, "wrong", address)))
                .isInstanceOf(OAuth2AuthenticationException.class)
                .isNotInstanceOf(ClientAuthenticationThrottle.Throttled.class);
    }

    ClientAuthenticationThrottle.Throttled refused(String clientId, String secret, String address) {
        return catchThrowableOfType(ClientAuthenticationThrottle.Throttled.class,
                () -> throttle.authenticate(attempt(clientId, secret, address)));
    }

    @Test
    void wrongSecretsFromOneAddressWhenPastTwentyThenEvenTheRightOneWaitsUncheckedUntilTheBackOffEnds() {
        for (int i = 0; i < 20; i++) {
            fail("shop", "198.51.100.7");
        }
        int checksSoFar = checked.get();

        ClientAuthenticationThrottle.Throttled refused = refused("shop", RIGHT, "198.51.100.7");

        assertThat(refused).isNotNull();
        assertThat(refused.getError().getErrorCode()).isEqualTo("temporarily_unavailable");
        assertThat(refused.retryAt()).isEqualTo(clock.instant().plusSeconds(1));
        assertThat(checked).as("a refused attempt checks nothing (no hash computed)").hasValue(checksSoFar);
        assertThat(refusals).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.authenticate(attempt("shop", RIGHT, "198.51.100.7"))).isNotNull();
    }

    @Test
    void backOffWhenGuessingGoesOnThenDoublesAndCapsAtFiveMinutesPerAddress() {
        for (int i = 0; i < 20; i++) {
            fail("shop", "198.51.100.8");
        }
        List<Duration> waits = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            ClientAuthenticationThrottle.Throttled refused = refused("shop", "wrong", "198.51.100.8");
            Duration wait = Duration.between(clock.instant(), refused.retryAt());
            waits.add(wait);
            clock.advance(wait);
            fail("shop", "198.51.100.8");
        }
        assertThat(waits.subList(0, 4)).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(waits.getLast()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anotherAddressWhenOneIsThrottledThenItsRightSecretStillWorks() {
        for (int i = 0; i < 21; i++) {
            try {
                throttle.authenticate(attempt("shop", "wrong", "198.51.100.9"));
            } catch (OAuth2AuthenticationException expected) {
                // counted
            }
        }
        assertThat(refused("shop", RIGHT, "198.51.100.9")).isNotNull();

        assertThat(throttle.authenticate(attempt("shop", RIGHT, "203.0.113.1"))).isNotNull();
    }

    @Test
    void guessesSpreadOverManyAddressesWhenPastFiftyThenTheClientIsSlowedAndASuccessStartsItAfresh() {
        for (int i = 0; i < 50; i++) {
            fail("shop", "10.0.0." + i);
        }
        ClientAuthenticationThrottle.Throttled refused = refused("shop", RIGHT, "10.0.1.1");
        assertThat(refused).isNotNull();
        assertThat(refused.retryAt()).isEqualTo(clock.instant().plusSeconds(1));
        assertThat(attempts.failures(ClientAuthenticationThrottle.addressKey(attempt("shop", RIGHT, "10.0.1.1"))))
                .as("the address is not charged for an attempt that checked nothing").isZero();
        assertThat(refused("other-app", RIGHT, "10.0.1.1")).as("other clients are not slowed").isNull();

        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.authenticate(attempt("shop", RIGHT, "10.0.1.1"))).isNotNull();
        assertThat(attempts.failures(ClientAuthenticationThrottle.clientKey("shop"))).isZero();
        fail("shop", "10.0.1.2");
        assertThat(attempts.failures(ClientAuthenticationThrottle.clientKey("shop"))).isEqualTo(1);
    }

    @Test
    void clientBudgetWhenGuessingGoesOnThenWaitNeverExceedsOneMinute() {
        for (int i = 0; i < 50; i++) {
            fail("shop", "10.1.0." + i);
        }
        Duration longest = Duration.ZERO;
        for (int round = 0; round < 12; round++) {
            ClientAuthenticationThrottle.Throttled refused = refused("shop", "wrong", "10.1.1." + round);
            Duration wait = Duration.between(clock.instant(), refused.retryAt());
            longest = wait.compareTo(longest) > 0 ? wait : longest;
            clock.advance(wait);
            fail("shop", "10.1.2." + round);
        }
        assertThat(longest).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void successWhenFromAnAddressWithFailuresThenOnlyItsOwnCountIsTakenBack() {
        fail("shop", "192.0.2.5");
        fail("shop", "192.0.2.5");
        String address = ClientAuthenticationThrottle.addressKey(attempt("shop", RIGHT, "192.0.2.5"));

        throttle.authenticate(attempt("shop", RIGHT, "192.0.2.5"));

        assertThat(attempts.failures(address)).isEqualTo(2);
    }

    @Test
    void requestNoProviderTakesWhenAuthenticatedThenNothingIsCountedAndTheNextProviderMayTry() {
        ClientAuthenticationThrottle none = new ClientAuthenticationThrottle(request -> {
            throw new ProviderNotFoundException("none");
        }, attempts, clock, refusals::incrementAndGet);

        assertThat(none.authenticate(attempt("shop", "x", "192.0.2.6"))).isNull();

        assertThat(attempts.failures(ClientAuthenticationThrottle.clientKey("shop"))).isZero();
        assertThat(attempts.failures(ClientAuthenticationThrottle.addressKey(attempt("shop", "x", "192.0.2.6")))).isZero();
    }

    @Test
    void wrapWhenProvidersListedThenOneThrottleAsksThemInOrder() {
        List<String> asked = new ArrayList<>();
        AuthenticationProvider declines = provider(asked, "first", null);
        AuthenticationProvider accepts = provider(asked, "second",
                UsernamePasswordAuthenticationToken.authenticated("shop", null, List.of()));
        List<AuthenticationProvider> providers = new ArrayList<>(List.of(declines, accepts));

        ClientAuthenticationThrottle.wrap(providers, attempts, clock, refusals::incrementAndGet);

        assertThat(providers).hasSize(1).first().isInstanceOf(ClientAuthenticationThrottle.class);
        assertThat(providers.getFirst().authenticate(attempt("shop", RIGHT, "192.0.2.7"))).isNotNull();
        assertThat(asked).containsExactly("first", "second");
    }

    @Test
    void clientKeyWhenClientIdIsLongThenHashedToFitTheCounterColumn() {
        assertThat(ClientAuthenticationThrottle.clientKey("shop")).isEqualTo("client:id:shop");
        String longKey = ClientAuthenticationThrottle.clientKey("x".repeat(5000));
        assertThat(longKey).startsWith("client:id-sha256:").hasSizeLessThan(255);
        assertThat(ClientAuthenticationThrottle.clientKey("y".repeat(5000))).isNotEqualTo(longKey);
        assertThat(ClientAuthenticationThrottle.addressKey(
                UsernamePasswordAuthenticationToken.unauthenticated("shop", "x"))).isEqualTo("client:address:unknown");
    }

    @Test
    void failureHandlerWhenThrottledThen429WithRetryAfterAndOtherwiseTheOAuthStatuses() throws Exception {
        MockHttpServletResponse throttled = new MockHttpServletResponse();
        ClientAuthenticationThrottle.failureHandler(clock).onAuthenticationFailure(new MockHttpServletRequest(), throttled,
                new ClientAuthenticationThrottle.Throttled(clock.instant().plusSeconds(8)));
        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(throttled.getHeader("Retry-After")).isEqualTo("8");
        assertThat(throttled.getContentAsString()).contains("\"error\":\"temporarily_unavailable\"");

        MockHttpServletResponse wrong = new MockHttpServletResponse();
        ClientAuthenticationThrottle.failureHandler(clock).onAuthenticationFailure(new MockHttpServletRequest(), wrong,
                new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT));
        assertThat(wrong.getStatus()).isEqualTo(401);
        assertThat(wrong.getHeader("Retry-After")).isNull();
        assertThat(wrong.getContentAsString()).contains("\"error\":\"invalid_client\"");

        MockHttpServletResponse bad = new MockHttpServletResponse();
        ClientAuthenticationThrottle.failureHandler(clock).onAuthenticationFailure(new MockHttpServletRequest(), bad,
                new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST));
        assertThat(bad.getStatus()).isEqualTo(400);
    }

    static AuthenticationProvider provider(List<String> asked, String name, Authentication answer) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                asked.add(name);
                return answer;
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return true;
            }
        };
    }
}
