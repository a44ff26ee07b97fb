package dev.aikagi.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2Error;

/** The small rules of issue 18's OpenID Connect part: languages, hints, origins, what discovery advertises. */
class OidcEveryStackRulesTest {

    @Test
    void uiLocalesWhenListedThenTheFirstLanguageOfThePagesElseNone() {
        assertThat(AskingApplication.language("fr-CA ja-JP en")).contains(Locale.JAPANESE);
        assertThat(AskingApplication.language("en-US")).contains(Locale.ENGLISH);
        assertThat(AskingApplication.language("fr de")).isEmpty();
        assertThat(AskingApplication.language(null)).isEmpty();
        assertThat(AskingApplication.language("x".repeat(201))).isEmpty();
    }

    @Test
    void loginPageWhenHintsGivenThenLangAndEncodedUsernameElsePlainLogin() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
        assertThat(AskingApplication.loginPage(request)).isEqualTo("/login");
        request.setParameter("ui_locales", "ja");
        request.setParameter("login_hint", " hanako@example.com ");
        assertThat(AskingApplication.loginPage(request)).isEqualTo("/login?lang=ja&username=hanako%40example.com");
        MockHttpServletRequest odd = new MockHttpServletRequest("GET", "/oauth2/authorize");
        odd.setParameter("login_hint", "a\u0000b&c=d");
        assertThat(AskingApplication.loginPage(odd)).isEqualTo("/login?username=ab%26c%3Dd");
        odd.setParameter("login_hint", "x".repeat(300));
        assertThat(AskingApplication.loginPage(odd)).isEqualTo("/login");
    }

    @Test
    void pendingPathWhenParsedThenFirstValueOfEachParameterDecoded() {
        assertThat(AskingApplication.parameters("/oauth2/authorize?client_id=web%20shop&client_id=other&x"))
                .containsEntry("client_id", "web shop").containsEntry("x", "");
        assertThat(AskingApplication.parameters("/oauth2/authorize")).isEmpty();
    }

    @Test
    void originsWhenCheckedThenSchemeHostAndPortOnlyNormalised() {
        assertThat(ClientOrigins.origin("https://App.Example.com")).contains("https://app.example.com");
        assertThat(ClientOrigins.origin("https://app.example.com:443")).contains("https://app.example.com");
        assertThat(ClientOrigins.origin("http://localhost:5173")).contains("http://localhost:5173");
        for (String bad : List.of("https://app.example.com/", "https://app.example.com/path", "ftp://x.example",
                "https://user@app.example.com", "app.example.com", "https://app.example.com?q", "", "*")) {
            assertThat(ClientOrigins.origin(bad)).as(bad).isEmpty();
        }
        assertThat(ClientOrigins.joined(List.of("https://A.example", "http://b.example:80"))).isEqualTo("https://a.example http://b.example");
    }

    @Test
    void clientOfWhenBasicOrFormThenNamedClient() {
        MockHttpServletRequest basic = new MockHttpServletRequest("POST", "/oauth2/token");
        basic.addHeader("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("web:secret".getBytes()));
        assertThat(ClientOrigins.clientOf(basic)).contains("web");
        MockHttpServletRequest form = new MockHttpServletRequest("POST", "/oauth2/token");
        form.setParameter("client_id", "spa");
        assertThat(ClientOrigins.clientOf(form)).contains("spa");
        MockHttpServletRequest broken = new MockHttpServletRequest("POST", "/oauth2/token");
        broken.addHeader("Authorization", "Basic !!!");
        assertThat(ClientOrigins.clientOf(broken)).isEmpty();
    }

    @Test
    void advertisedWhenClientsHaveGrantsAndMethodsThenOnlyThoseServedAndDefaultsWithoutClients() {
        var none = WhatClientsUse.of(Set.of(), Set.of());
        assertThat(none.grantTypes()).containsExactly("authorization_code");
        assertThat(none.authenticationMethods()).containsExactly("client_secret_basic");
        var some = WhatClientsUse.of(Set.of("refresh_token", "authorization_code", "urn:ietf:params:oauth:grant-type:token-exchange"),
                Set.of("none", "private_key_jwt"));
        assertThat(some.grantTypes()).containsExactly("authorization_code", "refresh_token");
        assertThat(some.authenticationMethods()).containsExactly("none");
        var machine = WhatClientsUse.of(Set.of("client_credentials"), Set.of("client_secret_basic"));
        assertThat(machine.grantTypes()).containsExactly("client_credentials");
    }

    @Test
    void errorParameterWhenDescribedByTheServerThenNamedElseTheErrorCode() {
        assertThat(AuthorizationRequestErrors.parameter(new OAuth2Error("invalid_request", "OAuth 2.0 Parameter: redirect_uri", null)))
                .isEqualTo("redirect_uri");
        assertThat(AuthorizationRequestErrors.parameter(new OAuth2Error("invalid_request", "OAuth 2.0 Parameter: client_id", null)))
                .isEqualTo("client_id");
        assertThat(AuthorizationRequestErrors.parameter(new OAuth2Error("invalid_request", "<script>: x y", null)))
                .isEqualTo("invalid_request");
        assertThat(AuthorizationRequestErrors.parameter(new OAuth2Error("server_error"))).isEqualTo("server_error");
    }
}
