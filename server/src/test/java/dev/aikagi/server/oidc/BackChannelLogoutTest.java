package dev.aikagi.server.oidc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.aikagi.server.testing.PageJourneys.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.aikagi.core.MutableClock;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.DeliveryState;
import dev.aikagi.jdbc.JdbcMessageQueue;
import dev.aikagi.server.RunningServer;
import dev.aikagi.server.delivery.BackChannelLogoutGateway;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.server.web.WebCookies;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.OAuth;
import dev.aikagi.testkit.PageClient;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenID Connect Back-Channel Logout 1.0 with WireMock as the application's back-channel logout endpoint: the
 * logout token arrives when the session ends (logging out, a new password), verifies with the JWKS, names the
 * login's {@code sid} and {@code sub}, and is tried again after a 500.
 */
class BackChannelLogoutTest {

    @RegisterExtension
    static WireMockExtension app = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String CALLBACK = "http://rp.example/callback";
    static final String SECRET = "bcl-secret-0123456789abcdef";
    static final String LOGOUT_PATH = "/backchannel-logout";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path dataDir;
    static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, "--server.forward-headers-strategy=native",
                // Only the tests dispatch the queue, so each step is seen as it happens.
                "--aikagi.delivery.dispatch-interval=1h",
                "--aikagi.oidc.clients.web.secret=" + SECRET,
                "--aikagi.oidc.clients.web.redirect-uris=" + CALLBACK,
                "--aikagi.oidc.clients.web.first-party=true",
                "--aikagi.oidc.clients.web.backchannel-logout-uri=http://127.0.0.1:" + app.getPort() + LOGOUT_PATH,
                "--aikagi.oidc.clients.quiet.secret=" + SECRET,
                "--aikagi.oidc.clients.quiet.redirect-uris=" + CALLBACK,
                "--aikagi.oidc.clients.quiet.first-party=true");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void accept() {
        app.resetAll();
        app.stubFor(post(urlEqualTo(LOGOUT_PATH)).willReturn(aResponse().withStatus(200)));
        dispatch(); // nothing of an earlier test left over
        app.resetRequests();
    }

    @Test
    void discoveryWhenAClientTakesLogoutTokensThenBackChannelLogoutWithSessionAdvertised() throws Exception {
        JsonNode doc = JSON.readTree(get("/.well-known/openid-configuration").body());

        assertThat(doc.get("backchannel_logout_supported").asBoolean()).isTrue();
        assertThat(doc.get("backchannel_logout_session_supported").asBoolean()).isTrue();
    }

    @Test
    void logoutWhenApplicationLoggedInThenSignedLogoutTokenWithTheIdTokensSidAndSub() throws Exception {
        Login login = login("bcl-logout", "web");
        Login quiet = loginAgain(login, "quiet");

        assertThat(login.browser().post("/logout").location()).isEqualTo("/login?logged-out");
        assertThat(dispatch()).as("one token: the client without a URI gets none").isEqualTo(1);

        List<LoggedRequest> received = app.findAll(postRequestedFor(urlEqualTo(LOGOUT_PATH)));
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        SignedJWT token = logoutToken(received.getFirst());
        assertThat(token.verify(new RSASSAVerifier(jwks().getKeyByKeyId(token.getHeader().getKeyID()).toRSAKey())))
                .as("verifies with the published JWKS").isTrue();
        assertThat(token.getHeader().getType()).isEqualTo(new JOSEObjectType("logout+jwt"));
        var claims = token.getJWTClaimsSet();
        SignedJWT idToken = SignedJWT.parse(login.idToken());
        assertThat(claims.getIssuer()).isEqualTo(idToken.getJWTClaimsSet().getIssuer());
        assertThat(claims.getAudience()).containsExactly("web");
        assertThat(claims.getSubject()).isEqualTo(idToken.getJWTClaimsSet().getSubject());
        assertThat(claims.getStringClaim("sid")).isNotBlank().isEqualTo(idToken.getJWTClaimsSet().getStringClaim("sid"));
        assertThat(claims.getJSONObjectClaim("events")).containsOnlyKeys("http://schemas.openid.net/event/backchannel-logout");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
        assertThat(claims.getClaim("nonce")).as("forbidden in a logout token").isNull();
        assertThat(quiet.idToken()).isNotBlank();
    }

    @Test
    void passwordChangeWhenApplicationLoggedInThenLogoutTokenForEverySession() throws Exception {
        Login login = apiLogin("bcl-password");

        ApiClient.Reply changed = new ApiClient(server.port()).post("/api/v1/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "a new and long passphrase 2"), login.session());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(dispatch()).isEqualTo(1);

        SignedJWT token = logoutToken(app.findAll(postRequestedFor(urlEqualTo(LOGOUT_PATH))).getFirst());
        assertThat(token.getJWTClaimsSet().getStringClaim("sid"))
                .isEqualTo(SignedJWT.parse(login.idToken()).getJWTClaimsSet().getStringClaim("sid"));
    }

    /**
     * "This wasn't me", a completed recovery and two-step verification turned on end every session of the account
     * through the audit event each of them records (their journeys are tested elsewhere): each logs the
     * application out.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = dev.aikagi.core.audit.AuditType.class,
            names = {"ALERT_REPORTED", "RECOVERY_COMPLETED", "TWO_STEP_ENABLED"})
    void accountWideEndWhenRecordedThenLogoutTokenForTheApplicationsLogin(dev.aikagi.core.audit.AuditType type)
            throws Exception {
        String username = "bcl-" + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        Login login = login(username, "web");
        var account = server.bean(dev.aikagi.core.account.AccountRepository.class).findByUsername(username)
                .orElseThrow().id();

        server.bean(dev.aikagi.core.audit.Auditor.class).record(type, account, "198.51.100.7");

        assertThat(dispatch()).isEqualTo(1);
        SignedJWT token = logoutToken(app.findAll(postRequestedFor(urlEqualTo(LOGOUT_PATH))).getFirst());
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo(account.toString());
        assertThat(token.getJWTClaimsSet().getStringClaim("sid"))
                .isEqualTo(SignedJWT.parse(login.idToken()).getJWTClaimsSet().getStringClaim("sid"));
    }

    @Test
    void deliveryWhenApplicationAnswers500ThenTriedAgainFromTheQueueUntilAccepted() throws Exception {
        app.stubFor(post(urlEqualTo(LOGOUT_PATH)).inScenario("down").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        app.stubFor(post(urlEqualTo(LOGOUT_PATH)).inScenario("down").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        Login login = login("bcl-retry", "web");

        login.browser().post("/logout");
        assertThat(dispatch()).isEqualTo(1);
        UUID id = logoutMessage();
        assertThat(server.bean(JdbcMessageQueue.class).find(id).orElseThrow().state()).isEqualTo(DeliveryState.PENDING);

        // The queue as a node sees it after the back-off (30 s): the same row, tried again.
        MutableClock later = new MutableClock(Instant.now().plus(Duration.ofSeconds(31)));
        Deliveries afterBackOff = new Deliveries(server.bean(JdbcMessageQueue.class),
                Map.of(Channel.LOGOUT, new BackChannelLogoutGateway(Duration.ofSeconds(2), Duration.ofSeconds(5))),
                server.bean(SecretCipher.class), server.bean(SecretGenerator.class), later);
        assertThat(afterBackOff.dispatchDue(50)).isEqualTo(1);

        assertThat(server.bean(JdbcMessageQueue.class).find(id).orElseThrow().state()).isEqualTo(DeliveryState.SENT);
        List<LoggedRequest> received = app.findAll(postRequestedFor(urlEqualTo(LOGOUT_PATH))
                .withRequestBody(containing("logout_token=")));
        assertThat(received).hasSize(2);
        assertThat(received.get(1).getBodyAsString()).as("the same token again").isEqualTo(received.get(0).getBodyAsString());
    }

    @Test
    void logoutWhenApplicationRegisteredOnTheAdminPageHasAUriThenItGetsALogoutTokenToo() throws Exception {
        String path = "/registered-logout";
        app.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        Applications.Outcome outcome = server.bean(Applications.class).register(new Applications.Draft("Registered",
                List.of(CALLBACK), List.of(), false, true, List.of(), "http://localhost:" + app.getPort() + path));
        Applications.Registered registered = ((Applications.Done) outcome).registered();
        String clientId = registered.client().getClientId();
        Login login = login("bcl-registered", "web");
        String idToken = authorize(login.browser(), clientId, registered.secret());

        login.browser().post("/logout");
        assertThat(dispatch()).as("the configured client's and the registered one's").isEqualTo(2);

        List<LoggedRequest> received = app.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(received).hasSize(1);
        var claims = logoutToken(received.getFirst()).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly(clientId);
        assertThat(claims.getStringClaim("sid")).isEqualTo(SignedJWT.parse(idToken).getJWTClaimsSet().getStringClaim("sid"));
        assertThat(app.findAll(postRequestedFor(urlEqualTo(LOGOUT_PATH)))).hasSize(1);
        assertThat(server.bean(Applications.class).remove(clientId)).isTrue();
    }

    // --- helpers

    record Login(PageClient browser, String session, String idToken) {
    }

    static int dispatch() {
        return server.bean(Deliveries.class).dispatchDue(50);
    }

    static UUID logoutMessage() {
        return server.bean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                "select id from message_queue where kind = ? order by created_at desc limit 1", UUID.class,
                BackChannelLogout.KIND);
    }

    /** Signs up (password only), then the application's login on the same browser. */
    static Login login(String username, String clientId) throws Exception {
        PageClient browser = PageJourneys.browser(server);
        PageJourneys.signUp(browser, username);
        return new Login(browser, null, authorize(browser, clientId));
    }

    static Login loginAgain(Login login, String clientId) throws Exception {
        return new Login(login.browser(), null, authorize(login.browser(), clientId));
    }

    /** Signs up on the page, logs in through the JSON API, and lets the application log in on that session. */
    static Login apiLogin(String username) throws Exception {
        PageJourneys.signUp(PageJourneys.browser(server), username);
        ApiClient api = new ApiClient(server.port());
        ApiClient.Reply in = api.post("/api/v1/login", Map.of("username", username, "password", PASSWORD), null);
        assertThat(in.text("status")).as(in.body()).isEqualTo("AUTHENTICATED");
        PageClient view = PageJourneys.browser(server);
        view.setCookie(server.bean(WebCookies.class).sessionName(), in.text("sessionToken"));
        return new Login(view, in.text("sessionToken"), authorize(view, "web"));
    }

    /** The code flow on a signed-in browser; returns the ID token. */
    static String authorize(PageClient browser, String clientId) throws Exception {
        return authorize(browser, clientId, SECRET);
    }

    /** The code flow of a client with its own secret. */
    static String authorize(PageClient browser, String clientId, String secret) throws Exception {
        String verifier = random();
        String path = "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + enc(CALLBACK)
                + "&scope=openid&state=" + random() + "&nonce=" + random() + "&code_challenge="
                + OidcJourneyTest.challenge(verifier) + "&code_challenge_method=S256";
        PageClient.Page answer = browser.get(path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        String code = OAuth.query(URI.create(answer.location())).get("code");
        assertThat(code).as(answer.location()).isNotBlank();
        Map<String, String> form = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK,
                "code_verifier", verifier);
        HttpResponse<String> tokens = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return JSON.readTree(tokens.body()).get("id_token").asString();
    }

    static SignedJWT logoutToken(LoggedRequest request) throws Exception {
        String body = request.getBodyAsString();
        assertThat(body).startsWith("logout_token=");
        return SignedJWT.parse(URLDecoder.decode(body.substring("logout_token=".length()), StandardCharsets.UTF_8));
    }

    static JWKSet jwks() throws Exception {
        return JWKSet.parse(get("/oauth2/jwks").body());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String random() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
