package dev.aikagi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OAuthTest {

    @Test
    void challengeWhenRfc7636AppendixBVerifierThenItsChallenge() {
        assertThat(OAuth.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void queryWhenEncodedThenDecodedInOrder() {
        assertThat(OAuth.query(URI.create("https://rp.example/cb?code=a%2Bb&state=x%20y")))
                .containsExactly(java.util.Map.entry("code", "a+b"), java.util.Map.entry("state", "x y"));
    }
}
