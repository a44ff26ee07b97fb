package dev.aikagi.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.WebAttributes;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The demo's pages without an Aikagi: a signed-in user made by Spring Security's test support (as the
 * login filter would after validating the ID token), and the authorization requests the buttons start.
 * The whole flow against the real provider is {@code dev.aikagi.demo.browser.OidcLoginJourneyTest}.
 */
@SpringBootTest(properties = "spring.security.oauth2.client.provider.aikagi.issuer-uri=")
@AutoConfigureMockMvc
@Import(DemoPagesTest.NoDiscovery.class)
class DemoPagesTest {

    private static final String ISSUER = "https://aikagi.example";

    @Autowired
    MockMvc mvc;

    /** Imported, not a scanned configuration: the browser tests start the real app from the same classpath. */
    static class NoDiscovery {
        /** The registration Boot would build from Aikagi's discovery document, written out. */
        @Bean
        ClientRegistrationRepository clientRegistrationRepository() {
            return new InMemoryClientRegistrationRepository(registration());
        }
    }

    static ClientRegistration registration() {
        return ClientRegistration.withRegistrationId("aikagi")
                .clientId("demo").clientSecret("demo-secret")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email")
                .authorizationUri(ISSUER + "/oauth2/authorize").tokenUri(ISSUER + "/oauth2/token")
                .jwkSetUri(ISSUER + "/oauth2/jwks").userInfoUri(ISSUER + "/userinfo")
                .issuerUri(ISSUER).userNameAttributeName("sub")
                .providerConfigurationMetadata(Map.of("end_session_endpoint", ISSUER + "/connect/logout"))
                .build();
    }

    @Test
    void meWhenLoggedInWithPasswordAndAppThenPageNamesTheFactorsInWords() throws Exception {
        String page = page(signedIn(List.of("pwd", "otp"), "aal2"));

        assertThat(page).contains("<span id=\"username\">taro</span>")
                .contains("0b6a3f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b")
                .containsPattern("data-amr=\"pwd\"><span>password</span>")
                .containsPattern("data-amr=\"otp\"><span>authenticator app</span>")
                .contains("<code>aal2</code> <span id=\"acr-words\">two-step verification</span>")
                .contains("<dd id=\"auth-time\">2026-11-25T12:00:00Z</dd>")
                .contains("<dd id=\"issuer\">" + ISSUER + "</dd>")
                .contains("<dd id=\"email\">taro@example.com</dd>");
    }

    @ParameterizedTest
    @CsvSource({
            "backup_code, backup code",
            "sms, text message",
            "mfa, (more than one factor)",
            "hwk, other (hwk)"})
    void meWhenSecondFactorIsOtherThanAppThenItsWordsAreShown(String amr, String words) throws Exception {
        String page = page(signedIn(List.of("pwd", amr), "aal2"));

        assertThat(page).contains("data-amr=\"" + amr + "\"><span>" + words + "</span>");
    }

    @Test
    void meWhenPasswordOnlyThenLevelSaysSo() throws Exception {
        String page = page(signedIn(List.of("pwd"), "aal1"));

        assertThat(page).contains("<code>aal1</code> <span id=\"acr-words\">password only</span>")
                .doesNotContain("data-amr=\"otp\"");
    }

    @Test
    void meWhenNotSignedInThenHomePage() throws Exception {
        mvc.perform(get("/me")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/"));
    }

    @Test
    void homeWhenAikagiAnsweredUnmetRequirementsThenErrorIsShownOnce() throws Exception {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, new OAuth2AuthenticationException(
                new OAuth2Error("unmet_authentication_requirements", "two-step verification is not set up", null)));

        String first = mvc.perform(get("/").param("error", "").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String reload = mvc.perform(get("/").param("error", "").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(first).contains("<code id=\"error-code\">unmet_authentication_requirements</code>")
                .contains("two-step verification is not set up")
                .contains("Turn on two-step verification for the account in Aikagi");
        assertThat(reload).doesNotContain("error-code");
    }

    @Test
    void homeWhenErrorTextHasMarkupThenItIsEscaped() throws Exception {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, new OAuth2AuthenticationException(
                new OAuth2Error("access_denied", "<script>alert(1)</script>", null)));

        String page = mvc.perform(get("/").param("error", "").session(session))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>")
                .contains("The login was cancelled");
    }

    @Test
    void loginWhenPlainThenAuthorizationRequestUsesPkceAndNonceWithoutExtras() throws Exception {
        Map<String, String> query = authorizationRequest("/oauth2/authorization/aikagi");

        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "demo")
                .containsEntry("code_challenge_method", "S256").containsKeys("code_challenge", "nonce", "state")
                .doesNotContainKeys("acr_values", "prompt");
        assertThat(query.get("scope")).isEqualTo("openid%20profile%20email");
    }

    @Test
    void loginWhenTwoStepRequiredThenAcrValuesAal2AndStillPkce() throws Exception {
        Map<String, String> query = authorizationRequest("/oauth2/authorization/aikagi?require=two-step");

        assertThat(query).containsEntry("acr_values", "aal2").containsEntry("code_challenge_method", "S256")
                .containsKeys("code_challenge", "nonce").doesNotContainKey("prompt");
    }

    @Test
    void loginWhenAgainThenPromptLogin() throws Exception {
        Map<String, String> query = authorizationRequest("/oauth2/authorization/aikagi?fresh=true");

        assertThat(query).containsEntry("prompt", "login").containsEntry("code_challenge_method", "S256")
                .doesNotContainKey("acr_values");
    }

    @Test
    void refreshWhenNoRefreshTokenThenPageSaysWhy() throws Exception {
        mvc.perform(post("/refresh").with(signedIn(List.of("pwd"), "aal1")).with(csrf()))
                .andExpect(redirectedUrl("/me"))
                .andExpect(flash().attribute("refreshProblem",
                        org.hamcrest.Matchers.startsWith("Aikagi gave this client no refresh token")));
    }

    @Test
    void logoutWhenSignedInThenAikagiEndsItsSessionTooAndSendsBackToSignedOut() throws Exception {
        String location = mvc.perform(post("/logout").with(signedIn(List.of("pwd", "otp"), "aal2")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();

        URI uri = URI.create(location);
        assertThat(uri.getScheme() + "://" + uri.getHost() + uri.getPath()).isEqualTo(ISSUER + "/connect/logout");
        assertThat(query(location)).containsKey("id_token_hint")
                .containsEntry("post_logout_redirect_uri", "http://localhost/signed-out");
    }

    private String page(org.springframework.test.web.servlet.request.RequestPostProcessor user) throws Exception {
        return mvc.perform(get("/me").with(user)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor signedIn(List<String> amr, String acr) {
        return oidcLogin().clientRegistration(registration()).idToken(token -> token
                .issuer(ISSUER)
                .subject("0b6a3f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b")
                .claim("preferred_username", "taro")
                .claim("email", "taro@example.com")
                .claim("amr", amr)
                .claim("acr", acr)
                .claim("auth_time", Instant.parse("2026-11-25T12:00:00Z")));
    }

    private Map<String, String> authorizationRequest(String path) throws Exception {
        String location = mvc.perform(get(path)).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith(ISSUER + "/oauth2/authorize?");
        return query(location);
    }

    private static Map<String, String> query(String location) {
        return UriComponentsBuilder.fromUriString(location).build().getQueryParams().toSingleValueMap()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
