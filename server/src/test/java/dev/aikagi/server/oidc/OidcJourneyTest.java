package dev.aikagi.server.oidc;

import static dev.aikagi.server.testing.PageJourneys.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.role.Role;
import dev.aikagi.core.role.Roles;
import dev.aikagi.server.RunningServer;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.server.web.WebCookies;
import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.Authenticator;
import dev.aikagi.testkit.Html;
import dev.aikagi.testkit.OAuth;
import dev.aikagi.testkit.PageClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenID Connect provider through HTTP as a browser and an application send it: the authorization request,
 * Aikagi's own login pages, the code, the token endpoint, the ID token checked against the JWKS. The happy
 * paths also run in Chromium with a real client library (the demo module); here are the protocol's rules:
 * PKCE, redirect URIs, single-use codes, refresh-token rotation, acr_values, prompt and max_age, consent,
 * logout and key rotation.
 */
class OidcJourneyTest {

    static final String WEB_CALLBACK = "http://rp.example/callback";
    static final String MOBILE_CALLBACK = "dev.aikagi.demo:/callback";
    static final String THIRD_CALLBACK = "https://third.example/cb";
    static final String WEB_SECRET = "web-secret-0123456789abcdef";
    static final String THIRD_SECRET = "third-secret-0123456789abcdef";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Marks a second step given as a backup code ("try another way"). */
    static final String BACKUP = "backup:";

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, "--server.forward-headers-strategy=native",
                "--aikagi.oidc.clients.web.secret=" + WEB_SECRET,
                "--aikagi.oidc.clients.web.redirect-uris=" + WEB_CALLBACK,
                "--aikagi.oidc.clients.web.post-logout-redirect-uris=http://rp.example/bye",
                "--aikagi.oidc.clients.web.first-party=true",
                "--aikagi.oidc.clients.web.name=Web shop",
                "--aikagi.oidc.clients.mobile.redirect-uris=" + MOBILE_CALLBACK,
                "--aikagi.oidc.clients.mobile.first-party=true",
                "--aikagi.oidc.clients.third.secret=" + THIRD_SECRET,
                "--aikagi.oidc.clients.third.redirect-uris=" + THIRD_CALLBACK,
                "--aikagi.oidc.clients.third.name=Third Party Games");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A person with the authenticator app on and their backup codes, signed out. */
    record Person(String username, String totpSecret, List<String> backupCodes) {
        String totpAt(Instant instant) {
            return Authenticator.codeAt(totpSecret, instant);
        }
    }

    static Person twoStepPerson(String username) {
        PageClient browser = PageJourneys.browser(server);
        PageJourneys.signUp(browser, username);
        String methods = PageJourneys.methodsPath(browser);
        browser.get(methods);
        PageClient.Page setup = browser.post(methods + "/totp");
        String secret = setup.text("totp-secret");
        PageClient.Page shown = browser.post(methods + "/totp/confirm", "code",
                Authenticator.codeAt(secret, Instant.now()));
        List<String> codes = PageJourneys.codes(shown);
        browser.post(methods + "/backup-codes/saved", "saved", "yes");
        return new Person(username, secret, codes);
    }

    /** An authorization request with PKCE; remembers its verifier, state and nonce. */
    record Authorize(String clientId, String redirectUri, String verifier, String state, String nonce, String extra) {
        static Authorize web(String extra) {
            return new Authorize("web", WEB_CALLBACK, random(), random(), random(), extra);
        }

        String path() {
            return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + enc(redirectUri)
                    + "&scope=" + enc("openid profile email") + "&state=" + state + "&nonce=" + nonce
                    + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256" + extra;
        }
    }

    /** Runs the login pages from the authorization request to the redirect back; returns that redirect. */
    static URI loginThroughPages(PageClient browser, Authorize request, String username, String secondStep) {
        PageClient.Page first = browser.get(request.path());
        assertThat(first.status()).as(first.body()).isEqualTo(302);
        assertThat(first.location()).endsWith("/login");
        browser.get("/login");
        PageClient.Page afterPassword = browser.post("/login", "username", username, "password", PASSWORD);
        assertThat(afterPassword.status()).isEqualTo(302);
        PageClient.Page end = afterPassword;
        if (secondStep != null) {
            assertThat(afterPassword.location()).isEqualTo("/login/challenge");
            browser.follow(afterPassword);
            if (secondStep.startsWith(BACKUP)) {
                PageJourneys.chooseBackupCode(browser);
                secondStep = secondStep.substring(BACKUP.length());
            }
            end = browser.post("/login/challenge", "code", secondStep);
            assertThat(end.status()).as(end.body()).isEqualTo(302);
        }
        if (end.location().equals("/login/backup-codes-left")) {
            PageClient.Page left = browser.get("/login/backup-codes-left");
            assertThat(left.attribute("continue", "href")).isEqualTo("/login/continue");
            end = browser.get("/login/continue");
        } else {
            assertThat(end.location()).isEqualTo("/login/continue");
            end = browser.get("/login/continue");
        }
        assertThat(end.status()).isEqualTo(200);
        String back = Html.unescape(end.attribute("continue-to-application", "href"));
        assertThat(back).startsWith("/oauth2/authorize?");
        return redirectBack(browser, back);
    }

    static URI redirectBack(PageClient browser, String path) {
        PageClient.Page answer = browser.get(path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    static Map<String, String> query(URI uri) {
        return OAuth.query(uri);
    }

    static HttpResponse<String> token(String basicClient, String basicSecret, Map<String, String> form) throws Exception {
        return tokenFrom(null, basicClient, basicSecret, form);
    }

    /** A token request as if from {@code address} behind the proxy (X-Forwarded-For), or from here if null. */
    static HttpResponse<String> tokenFrom(String address, String basicClient, String basicSecret,
                                          Map<String, String> form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"))));
        if (address != null) {
            request.header("X-Forwarded-For", address);
        }
        if (basicClient != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((basicClient + ":" + basicSecret).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> exchange(Authorize request, String code) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", request.redirectUri(), "code_verifier", request.verifier()));
        if (request.clientId().equals("mobile")) {
            form.put("client_id", "mobile");
            return token(null, null, form);
        }
        return token(request.clientId(), request.clientId().equals("web") ? WEB_SECRET : THIRD_SECRET, form);
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The ID token, verified with the key its header names from the published JWKS. */
    static SignedJWT verifiedIdToken(String idToken) throws Exception {
        SignedJWT jwt = SignedJWT.parse(idToken);
        JWKSet keys = JWKSet.parse(get("/oauth2/jwks").body());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the signing key is published").isNotNull();
        assertThat(key.isPrivate()).as("only public keys are published").isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        return jwt;
    }

    @Test
    void discoveryWhenAskedThenNamesEndpointsPkceAndClaims() throws Exception {
        HttpResponse<String> response = get("/.well-known/openid-configuration");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(response.body());
        String issuer = "http://127.0.0.1:" + server.port();
        assertThat(doc.get("issuer").asString()).isEqualTo(issuer);
        assertThat(doc.get("authorization_endpoint").asString()).isEqualTo(issuer + "/oauth2/authorize");
        assertThat(doc.get("jwks_uri").asString()).isEqualTo(issuer + "/oauth2/jwks");
        assertThat(doc.get("end_session_endpoint").asString()).isEqualTo(issuer + "/connect/logout");
        assertThat(doc.get("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void codeFlowWhenPasswordAndTotpThenIdTokenSaysAal2WithPwdAndOtp() throws Exception {
        Person person = twoStepPerson("oidc-taro");
        PageClient browser = PageJourneys.browser(server);
        Authorize request = Authorize.web("");
        URI back = loginThroughPages(browser, request, person.username(), person.totpAt(Instant.now().plusSeconds(30)));

        assertThat(back.toString()).startsWith(WEB_CALLBACK + "?");
        assertThat(browser.cookie("JSESSIONID")).as("no servlet session: every node serves every step").isEmpty();
        Map<String, String> answer = query(back);
        assertThat(answer.get("state")).isEqualTo(request.state());
        HttpResponse<String> tokens = exchange(request, answer.get("code"));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(tokens.body());
        var claims = verifiedIdToken(body.get("id_token").asString()).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://127.0.0.1:" + server.port());
        assertThat(claims.getAudience()).containsExactly("web");
        assertThat(claims.getStringClaim("nonce")).isEqualTo(request.nonce());
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd", "otp", "mfa");
        assertThat(claims.getStringClaim("acr")).isEqualTo("aal2");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("oidc-taro");
        assertThat(claims.getDateClaim("auth_time")).isBefore(new java.util.Date(System.currentTimeMillis() + 1000));
        assertThat(claims.getSubject()).matches("[0-9a-f-]{36}");
        assertThat(claims.getStringClaim("sid")).hasSize(32);

        // Only hashes of the code and tokens are stored: a copy of the table opens nothing.
        var table = org.springframework.jdbc.core.simple.JdbcClient.create(server.bean(javax.sql.DataSource.class));
        String sql = "select count(*) from oauth2_authorization where authorization_code_value = ? or access_token_value = ?"
                + " or refresh_token_value = ? or oidc_id_token_value = ?";
        for (String raw : List.of(answer.get("code"), body.get("access_token").asString(),
                body.get("refresh_token").asString(), body.get("id_token").asString())) {
            assertThat(table.sql(sql).params(raw, raw, raw, raw).query(Integer.class).single()).isZero();
            String hashed = "sha256:" + java.util.HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
            assertThat(table.sql(sql).params(hashed, hashed, hashed, hashed).query(Integer.class).single()).isEqualTo(1);
        }

        // userinfo with the access token
        HttpResponse<String> userinfo = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/userinfo"))
                .header("Authorization", "Bearer " + body.get("access_token").asString()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(200);
        assertThat(JSON.readTree(userinfo.body()).get("sub").asString()).isEqualTo(claims.getSubject());
        assertThat(JSON.readTree(userinfo.body()).get("preferred_username").asString()).isEqualTo("oidc-taro");

        // Refresh: a new access token and a new refresh token; the old refresh token is spent.
        String refresh = body.get("refresh_token").asString();
        HttpResponse<String> refreshed = token("web", WEB_SECRET, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode again = JSON.readTree(refreshed.body());
        assertThat(again.get("access_token").asString()).isNotEqualTo(body.get("access_token").asString());
        assertThat(again.get("refresh_token").asString()).isNotEqualTo(refresh);
        var refreshedClaims = verifiedIdToken(again.get("id_token").asString()).getJWTClaimsSet();
        assertThat(refreshedClaims.getStringListClaim("amr")).containsExactly("pwd", "otp", "mfa");
        HttpResponse<String> spent = token("web", WEB_SECRET, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(spent.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(spent.body()).get("error").asString()).isEqualTo("invalid_grant");

        // The code is single use: a replay is refused (RFC 6749 §4.1.2: invalid_grant), and the tokens it
        // gave are revoked, since someone else may hold the code.
        HttpResponse<String> replay = exchange(request, answer.get("code"));
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(replay.body()).get("error").asString()).isEqualTo("invalid_grant");
        HttpResponse<String> revoked = token("web", WEB_SECRET,
                Map.of("grant_type", "refresh_token", "refresh_token", again.get("refresh_token").asString()));
        assertThat(revoked.statusCode()).isEqualTo(400);

        // Signed in at Aikagi now: a second request goes straight back without the login pages.
        Authorize second = Authorize.web("");
        URI straight = redirectBack(browser, second.path());
        assertThat(straight.toString()).startsWith(WEB_CALLBACK + "?code=");

        // RP-initiated logout ends the Aikagi session and goes back to the application.
        // (The ID token of the replayed code was revoked with it; the second login's is used.)
        String idToken = JSON.readTree(exchange(second, query(straight).get("code")).body()).get("id_token").asString();
        PageClient.Page logout = browser.get("/connect/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=" + enc("http://rp.example/bye") + "&state=s1");
        assertThat(logout.status()).as(logout.body()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).contains("http://rp.example/bye?state=s1");
        PageClient.Page afterLogout = browser.get(Authorize.web("").path());
        assertThat(afterLogout.location()).as("signed out: the login comes first").endsWith("/login");
        assertThat(server.bean(AuditLog.class).recent(AccountId.parse(claims.getSubject()), 20))
                .as("audited as the page's logout is").extracting(AuditEvent::type).contains(AuditType.LOGOUT);
    }

    @Test
    void codeFlowWhenBackupCodeThenAmrSaysBackupCode() throws Exception {
        Person person = twoStepPerson("oidc-hanako");
        PageClient browser = PageJourneys.browser(server);
        Authorize request = Authorize.web("");
        browser.get(request.path());
        browser.get("/login");
        browser.post("/login", "username", person.username(), "password", PASSWORD);
        browser.get("/login/challenge");
        PageJourneys.chooseBackupCode(browser);
        PageClient.Page used = browser.post("/login/challenge", "code", person.backupCodes().getFirst());
        assertThat(used.location()).isEqualTo("/login/backup-codes-left");
        PageClient.Page left = browser.get("/login/backup-codes-left");
        assertThat(left.attribute("continue", "href")).isEqualTo("/login/continue");
        PageClient.Page cont = browser.get("/login/continue");
        URI back = redirectBack(browser, Html.unescape(cont.attribute("continue-to-application", "href")));
        HttpResponse<String> tokens = exchange(request, query(back).get("code"));
        var claims = verifiedIdToken(JSON.readTree(tokens.body()).get("id_token").asString()).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd", "backup_code", "mfa");
        assertThat(claims.getStringClaim("acr")).isEqualTo("aal2");
    }

    @Test
    void publicClientWhenPkceMissingThenErrorRedirectAndWithPkceThenTokensWithoutSecret() throws Exception {
        Person person = twoStepPerson("oidc-mobile");
        PageClient browser = PageJourneys.browser(server);
        PageClient.Page noPkce = browser.get("/oauth2/authorize?response_type=code&client_id=mobile&redirect_uri="
                + enc(MOBILE_CALLBACK) + "&scope=openid&state=xyz");
        assertThat(noPkce.status()).isEqualTo(302);
        Map<String, String> error = query(URI.create(noPkce.headers().firstValue("Location").orElseThrow()));
        assertThat(noPkce.headers().firstValue("Location").orElseThrow()).startsWith(MOBILE_CALLBACK + "?");
        assertThat(error.get("error")).isEqualTo("invalid_request");
        assertThat(error.get("state")).isEqualTo("xyz");

        Authorize request = new Authorize("mobile", MOBILE_CALLBACK, random(), random(), random(), "");
        URI back = loginThroughPages(browser, request, person.username(), person.totpAt(Instant.now().plusSeconds(30)));
        HttpResponse<String> wrongVerifier = exchange(new Authorize("mobile", MOBILE_CALLBACK, random(), request.state(),
                request.nonce(), ""), query(back).get("code"));
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrongVerifier.body()).get("error").asString()).isEqualTo("invalid_grant");

        // With the right verifier: tokens without a secret, and a refresh token that works once.
        Authorize retry = new Authorize("mobile", MOBILE_CALLBACK, random(), random(), random(), "");
        URI again = redirectBack(browser, retry.path());
        HttpResponse<String> tokens = exchange(retry, query(again).get("code"));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String refresh = JSON.readTree(tokens.body()).get("refresh_token").asString();
        HttpResponse<String> refreshed = token(null, null,
                Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", "mobile"));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(JSON.readTree(refreshed.body()).get("refresh_token").asString()).isNotEqualTo(refresh);
        HttpResponse<String> reused = token(null, null,
                Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", "mobile"));
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(reused.body()).get("error").asString()).isEqualTo("invalid_grant");
        // Another client's id with it, or a confidential client without its secret: refused.
        String current = JSON.readTree(refreshed.body()).get("refresh_token").asString();
        HttpResponse<String> asWeb = token(null, null,
                Map.of("grant_type", "refresh_token", "refresh_token", current, "client_id", "web"));
        assertThat(asWeb.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(asWeb.body()).get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void tokenEndpointWhenSecretsGuessedFromOneAddressThen429WithRetryAfterWhileOtherAddressesGoOn() throws Exception {
        Map<String, String> form = Map.of("grant_type", "authorization_code", "code", "no-such-code",
                "redirect_uri", THIRD_CALLBACK, "code_verifier", random());
        HttpResponse<String> answer = null;
        int wrong = 0;
        // 20 free failures, then a back-off that doubles: within 30 guesses one is refused, however slow the machine.
        for (int i = 0; i < 30; i++) {
            answer = tokenFrom("198.51.100.23", "third", "guess-" + i, form);
            if (answer.statusCode() == 429) {
                break;
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            assertThat(JSON.readTree(answer.body()).get("error").asString()).isEqualTo("invalid_client");
            wrong++;
        }
        assertThat(wrong).isGreaterThanOrEqualTo(20);
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(answer.body()).get("error").asString()).isEqualTo("temporarily_unavailable");
        assertThat(Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);

        // The right secret from another address gets past client authentication (the code is what is wrong).
        HttpResponse<String> other = tokenFrom("203.0.113.99", "third", THIRD_SECRET, form);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(400);
        assertThat(JSON.readTree(other.body()).get("error").asString()).isEqualTo("invalid_grant");
        assertThat(get("/actuator/prometheus").body()).containsPattern("aikagi_rate_limited_total\\{[^}]*step=\"client\"");
    }

    @Test
    void authorizeWhenRedirectUriUnregisteredOrClientUnknownThenErrorPageNeverARedirect() throws Exception {
        PageClient browser = PageJourneys.browser(server);
        PageClient.Page wrongRedirect = browser.get("/oauth2/authorize?response_type=code&client_id=web&redirect_uri="
                + enc("https://evil.example/steal") + "&scope=openid&state=s&code_challenge=" + challenge(random())
                + "&code_challenge_method=S256");
        assertThat(wrongRedirect.status()).isEqualTo(400);
        assertThat(wrongRedirect.headers().firstValue("Location")).isEmpty();
        PageClient.Page unknown = browser.get("/oauth2/authorize?response_type=code&client_id=nobody&redirect_uri="
                + enc(WEB_CALLBACK) + "&scope=openid&state=s");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Location")).isEmpty();
        HttpResponse<String> badSecret = token("web", "wrong", Map.of("grant_type", "authorization_code", "code", "x",
                "redirect_uri", WEB_CALLBACK));
        assertThat(badSecret.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(badSecret.body()).get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void acrValuesAal2WhenAccountHasNoSecondFactorThenUnmetRequirementsNotAWeakerLogin() throws Exception {
        PageClient browser = PageJourneys.browser(server);
        PageJourneys.signUp(browser, "oidc-onefactor");
        // Signed in with the password only: asking for aal2 cannot be met by logging in again.
        URI back = redirectBack(browser, Authorize.web("&acr_values=aal2").path());
        assertThat(back.toString()).startsWith(WEB_CALLBACK + "?");
        assertThat(browser.cookie("JSESSIONID")).as("no servlet session: every node serves every step").isEmpty();
        Map<String, String> answer = query(back);
        assertThat(answer.get("error")).isEqualTo("unmet_authentication_requirements");
        assertThat(answer).doesNotContainKey("code");
        // Without the demand the same session logs in, at aal1.
        URI plain = redirectBack(browser, Authorize.web("").path());
        assertThat(query(plain)).containsKey("code");
    }

    @Test
    void promptLoginAndMaxAgeWhenSignedInThenLoginAgainAndOnlyTheNewSessionCounts() throws Exception {
        Person person = twoStepPerson("oidc-fresh");
        PageClient browser = PageJourneys.browser(server);
        loginThroughPages(browser, Authorize.web(""), person.username(), person.totpAt(Instant.now().plusSeconds(30)));
        String firstSession = browser.cookie("aikagi_session").orElseThrow().getValue();

        PageClient.Page again = browser.get(Authorize.web("&prompt=login").path());
        assertThat(again.location()).as("prompt=login asks for the password again").endsWith("/login");
        PageClient.Page form = browser.get("/login");
        assertThat(form.status()).as("the login form, although a session exists").isEqualTo(200);
        assertThat(form.has("username")).isTrue();

        PageClient.Page maxAge = browser.get(Authorize.web("&max_age=0").path());
        assertThat(maxAge.location()).endsWith("/login");

        Authorize fresh = Authorize.web("&prompt=login");
        // The app's code of this half-minute is spent (replay protection): the backup code this time.
        URI back = loginThroughPages(browser, fresh, person.username(), BACKUP + person.backupCodes().getFirst());
        assertThat(query(back)).containsKey("code");
        assertThat(browser.cookie("aikagi_session").orElseThrow().getValue())
                .as("the fresh login replaced the session").isNotEqualTo(firstSession);
    }

    @Test
    void thirdPartyClientWhenFirstLoginThenConsentPageAndDenyGivesAccessDenied() throws Exception {
        Person person = twoStepPerson("oidc-consent");
        PageClient browser = PageJourneys.browser(server);
        Authorize request = new Authorize("third", THIRD_CALLBACK, random(), random(), random(), "");
        browser.get(request.path());
        browser.get("/login");
        browser.post("/login", "username", person.username(), "password", PASSWORD);
        browser.get("/login/challenge");
        browser.post("/login/challenge", "code", person.totpAt(Instant.now().plusSeconds(30)));
        PageClient.Page cont = browser.get("/login/continue");
        PageClient.Page toConsent = browser.get(Html.unescape(cont.attribute("continue-to-application", "href")));
        assertThat(toConsent.status()).isEqualTo(302);
        assertThat(toConsent.location()).contains("/oauth2/consent?");
        PageClient.Page consent = browser.follow(toConsent);
        assertThat(consent.status()).isEqualTo(200);
        assertThat(consent.text("consent-client")).contains("Third Party Games");
        String state = consentState(consent);

        // The form's answer redirects to the application: the page's form-action allows exactly that origin.
        assertThat(consent.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("form-action 'self' https://third.example;");

        PageClient.Page denied = browser.postRaw("/oauth2/authorize", Map.of("client_id", "third", "state", state));
        assertThat(denied.status()).isEqualTo(302);
        assertThat(query(URI.create(denied.headers().firstValue("Location").orElseThrow())).get("error"))
                .isEqualTo("access_denied");

        // Asked again and allowed: a code; the next time no consent page.
        Authorize again = new Authorize("third", THIRD_CALLBACK, random(), random(), random(), "");
        PageClient.Page toConsentAgain = browser.get(profileOnly(again));
        assertThat(toConsentAgain.location()).contains("/oauth2/consent?");
        PageClient.Page consentAgain = browser.follow(toConsentAgain);
        String stateAgain = consentState(consentAgain);
        PageClient.Page allowed = browser.postRaw("/oauth2/authorize", Map.of("client_id", "third", "state", stateAgain,
                "scope", "profile"));
        assertThat(allowed.status()).isEqualTo(302);
        Map<String, String> answer = query(URI.create(allowed.headers().firstValue("Location").orElseThrow()));
        assertThat(answer.get("state")).isEqualTo(again.state());
        HttpResponse<String> tokens = exchange(again, answer.get("code"));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(JSON.readTree(tokens.body()).get("scope").asString()).contains("openid", "profile");
        URI third = redirectBack(browser, profileOnly(new Authorize("third", THIRD_CALLBACK, random(), random(), random(), "")));
        assertThat(query(third)).as("consent remembered: straight back").containsKey("code");
    }

    @Test
    void signingKeysWhenRotatedThenNewKidSignsAndOldTokensStillVerify() throws Exception {
        Person person = twoStepPerson("oidc-rotation");
        PageClient browser = PageJourneys.browser(server);
        Authorize first = Authorize.web("");
        URI back = loginThroughPages(browser, first, person.username(), person.totpAt(Instant.now().plusSeconds(30)));
        String oldToken = JSON.readTree(exchange(first, query(back).get("code")).body()).get("id_token").asString();

        SigningKeys keys = server.bean(SigningKeys.class);
        String before = SignedJWT.parse(oldToken).getHeader().getKeyID();
        String after = keys.rotate();
        assertThat(after).isNotEqualTo(before);
        assertThat(keys.currentKeyId()).isEqualTo(after);

        Authorize second = Authorize.web("");
        URI again = redirectBack(browser, second.path());
        String newToken = JSON.readTree(exchange(second, query(again).get("code")).body()).get("id_token").asString();
        assertThat(verifiedIdToken(newToken).getHeader().getKeyID()).as("the new key signs").isEqualTo(after);
        assertThat(verifiedIdToken(oldToken).getHeader().getKeyID()).as("the old key is still published").isEqualTo(before);
    }

    @Test
    void logoutAtAikagiWhenSignedOutThenTheTokensOfThatLoginStopAndOthersDoNot() throws Exception {
        Person person = twoStepPerson("oidc-logout");
        PageClient browser = PageJourneys.browser(server);
        Authorize request = Authorize.web("");
        URI back = loginThroughPages(browser, request, person.username(), person.totpAt(Instant.now().plusSeconds(30)));
        String refresh = JSON.readTree(exchange(request, query(back).get("code")).body()).get("refresh_token").asString();
        // The same person on another browser, logged in with a backup code: a second session.
        PageClient laptop = PageJourneys.browser(server);
        Authorize other = Authorize.web("");
        URI otherBack = loginThroughPages(laptop, other, person.username(), BACKUP + person.backupCodes().getFirst());
        String otherRefresh = JSON.readTree(exchange(other, query(otherBack).get("code")).body())
                .get("refresh_token").asString();

        browser.get("/settings");
        PageClient.Page out = browser.post("/logout");
        assertThat(out.location()).isEqualTo("/login?logged-out");

        HttpResponse<String> stopped = token("web", WEB_SECRET, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(stopped.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(stopped.body()).get("error").asString()).isEqualTo("invalid_grant");
        HttpResponse<String> alive = token("web", WEB_SECRET, Map.of("grant_type", "refresh_token", "refresh_token", otherRefresh));
        assertThat(alive.statusCode()).as("the other session's tokens still work").isEqualTo(200);

        // The application itself revokes its refresh token (RFC 7009); it stops at once.
        String current = JSON.readTree(alive.body()).get("refresh_token").asString();
        HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/oauth2/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("web:" + WEB_SECRET).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(current) + "&token_type_hint=refresh_token"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(token("web", WEB_SECRET, Map.of("grant_type", "refresh_token", "refresh_token", current)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void apiLogoutWhenSignedOutThenTheTokensOfThatSessionStopAsOnThePage() throws Exception {
        Person person = twoStepPerson("oidc-api-logout");
        ApiClient api = new ApiClient(server.port());
        ApiClient.Reply password = api.post("/api/v1/login",
                Map.of("username", person.username(), "password", PASSWORD), null);
        assertThat(password.text("status")).as(password.body()).isEqualTo("SECOND_FACTOR_REQUIRED");
        ApiClient.Reply in = api.post("/api/v1/login/" + password.text("flowId") + "/verify",
                Map.of("method", "totp", "code", person.totpAt(Instant.now().plusSeconds(30))), null);
        assertThat(in.text("status")).as(in.body()).isEqualTo("AUTHENTICATED");
        String session = in.text("sessionToken");
        // The app opens an application's authorization request in a view that carries its session.
        PageClient view = PageJourneys.browser(server);
        view.setCookie(server.bean(WebCookies.class).sessionName(), session);
        Authorize request = Authorize.web("");
        URI back = redirectBack(view, request.path());
        String refresh = JSON.readTree(exchange(request, query(back).get("code")).body()).get("refresh_token").asString();
        assertThat(refresh).isNotBlank();

        assertThat(api.post("/api/v1/logout", "{}", session).status()).isEqualTo(204);

        HttpResponse<String> stopped = token("web", WEB_SECRET, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(stopped.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(stopped.body()).get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void applicationsPageWhenAdminRegistersThenSecretShownOnceClientWorksAndRemovalEndsIt() throws Exception {
        Person admin = twoStepPerson("oidc-admin");
        server.bean(Roles.class).grant("oidc-admin", Role.ADMIN); // what --aikagi.command=grant-role does
        PageClient browser = PageJourneys.browser(server);
        browser.get("/login");
        browser.post("/login", "username", admin.username(), "password", PASSWORD);
        browser.get("/login/challenge");
        PageClient.Page in = browser.post("/login/challenge", "code", admin.totpAt(Instant.now().plusSeconds(30)));
        assertThat(in.status()).isEqualTo(302);

        PageClient.Page list = browser.get("/admin/applications");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Web shop", "From the configuration file");
        browser.get("/admin/applications/new");
        PageClient.Page refused = browser.post("/admin/applications", "name", "Blog", "redirectUris", "not a uri",
                "type", "confidential");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("form-error")).contains("not a uri");
        PageClient.Page badOrigin = browser.post("/admin/applications", "name", "Blog",
                "redirectUris", "https://blog.example/cb", "type", "confidential", "allowedOrigins", "https://blog.example/path");
        assertThat(badOrigin.status()).isEqualTo(422);
        assertThat(badOrigin.text("form-error")).contains("https://blog.example/path");
        PageClient.Page badBackChannel = browser.post("/admin/applications", "name", "Blog",
                "redirectUris", "https://blog.example/cb", "type", "confidential",
                "backchannelLogoutUri", "http://blog.example/bcl");
        assertThat(badBackChannel.status()).as("plain http to another host").isEqualTo(422);
        assertThat(badBackChannel.text("form-error")).contains("http://blog.example/bcl");
        assertThat(badBackChannel.attribute("backchannel-logout-uri", "value")).isEqualTo("http://blog.example/bcl");
        PageClient.Page created = browser.post("/admin/applications", "name", "Blog",
                "redirectUris", "https://blog.example/cb\n", "type", "confidential", "firstParty", "yes",
                "allowedOrigins", "https://blog.example\n", "backchannelLogoutUri", " https://blog.example/bcl ");
        assertThat(created.status()).isEqualTo(200);
        String clientId = created.text("created-client-id");
        String secret = created.text("created-secret");
        assertThat(clientId).startsWith("app-");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        assertThat(browser.get("/admin/applications").body()).contains(clientId).doesNotContain(secret);
        assertThat(server.bean(Applications.class).backchannelLogoutUri(clientId))
                .contains(URI.create("https://blog.example/bcl"));

        // The new client completes a code flow with its secret (the admin is signed in at Aikagi).
        Authorize request = new Authorize(clientId, "https://blog.example/cb", random(), random(), random(), "");
        URI back = redirectBack(browser, request.path());
        Map<String, String> form = Map.of("grant_type", "authorization_code", "code", query(back).get("code"),
                "redirect_uri", request.redirectUri(), "code_verifier", request.verifier());
        HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/oauth2/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://blog.example")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.headers().firstValue("Access-Control-Allow-Origin")).as("the origin given on the page")
                .contains("https://blog.example");
        String refresh = JSON.readTree(tokens.body()).get("refresh_token").asString();

        // Another account, even with two-step, gets 404 for the page.
        Person other = twoStepPerson("oidc-not-admin");
        PageClient stranger = PageJourneys.browser(server);
        stranger.get("/login");
        stranger.post("/login", "username", other.username(), "password", PASSWORD);
        stranger.get("/login/challenge");
        stranger.post("/login/challenge", "code", other.totpAt(Instant.now().plusSeconds(30)));
        assertThat(stranger.get("/admin/applications").status()).isEqualTo(404);

        PageClient.Page removed = browser.post("/admin/applications/" + clientId + "/remove");
        assertThat(removed.status()).isEqualTo(302);
        assertThat(removed.location()).isEqualTo("/admin/applications?removed");
        HttpResponse<String> afterRemoval = token(clientId, secret, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(afterRemoval.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(afterRemoval.body()).get("error").asString()).isEqualTo("invalid_client");
        assertThat(browser.post("/admin/applications/web/remove").status())
                .as("a client of the configuration file is not removed here").isEqualTo(404);
    }

    /** The {@code state} the consent form sends back to the authorization endpoint. */
    static String consentState(PageClient.Page consent) {
        String form = Html.element(consent.body(), "consent-form").orElseThrow();
        String input = form.replaceAll("(?s).*?(<input type=\"hidden\" name=\"state\"[^>]*>).*", "$1");
        return Html.unescape(Html.attribute(input, "value").orElseThrow());
    }

    /** The request asking for openid and profile only. */
    static String profileOnly(Authorize request) {
        return request.path().replace("&scope=" + enc("openid profile email"), "&scope=" + enc("openid profile"));
    }

    static String random() {
        return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }

    static String challenge(String verifier) {
        return OAuth.challenge(verifier);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
