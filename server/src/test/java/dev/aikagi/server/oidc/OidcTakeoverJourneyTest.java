package dev.aikagi.server.oidc;

import static dev.aikagi.server.oidc.OidcJourneyTest.JSON;
import static dev.aikagi.server.oidc.OidcJourneyTest.enc;
import static dev.aikagi.server.oidc.OidcJourneyTest.query;
import static dev.aikagi.server.oidc.OidcJourneyTest.random;
import static dev.aikagi.server.testing.PageJourneys.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.server.RunningServer;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.testkit.Html;
import dev.aikagi.testkit.PageClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14, OpenID Connect: the ways to an application's tokens that skip the login the person or the
 * application asked for — a recovery-limited session, a forged or borrowed pending-authorization cookie, a
 * copied refresh token — and STANDARDS rule 27 ({@code prompt=none} never shows a page, discovery lists only
 * what works, a 401 carries {@code WWW-Authenticate}).
 */
class OidcTakeoverJourneyTest {

    static final String WEB_CALLBACK = "http://rp.example/callback";
    static final String MOBILE_CALLBACK = "dev.aikagi.demo:/callback";
    static final String THIRD_CALLBACK = "https://third.example/cb";
    static final String WEB_SECRET = "web-secret-0123456789abcdef";
    static final String THIRD_SECRET = "third-secret-0123456789abcdef";

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, "--server.forward-headers-strategy=native",
                "--aikagi.oidc.clients.web.secret=" + WEB_SECRET,
                "--aikagi.oidc.clients.web.redirect-uris=" + WEB_CALLBACK,
                "--aikagi.oidc.clients.web.first-party=true",
                "--aikagi.oidc.clients.mobile.redirect-uris=" + MOBILE_CALLBACK,
                "--aikagi.oidc.clients.mobile.first-party=true",
                "--aikagi.oidc.clients.third.secret=" + THIRD_SECRET,
                "--aikagi.oidc.clients.third.redirect-uris=" + THIRD_CALLBACK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** An authorization request with PKCE. */
    record Authorize(String clientId, String redirectUri, String verifier, String state, String extra) {
        static Authorize web(String extra) {
            return new Authorize("web", WEB_CALLBACK, random(), random(), extra);
        }

        static Authorize mobile(String extra) {
            return new Authorize("mobile", MOBILE_CALLBACK, random(), random(), extra);
        }

        static Authorize third(String extra) {
            return new Authorize("third", THIRD_CALLBACK, random(), random(), extra);
        }

        String path() {
            return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + enc(redirectUri)
                    + "&scope=" + enc("openid profile") + "&state=" + state + "&nonce=n-" + state
                    + "&code_challenge=" + OidcJourneyTest.challenge(verifier) + "&code_challenge_method=S256" + extra;
        }
    }

    /** A person with a password only, signed in on {@code browser}. */
    static AccountId signedUp(PageClient browser, String username) {
        PageJourneys.signUp(browser, username);
        return server.bean(AccountRepository.class).findByUsername(username).orElseThrow().id();
    }

    /** Logs in with the password (an account without two-step verification); does not follow the redirect. */
    static PageClient.Page logIn(PageClient browser, String username) {
        browser.get("/login");
        PageClient.Page in = browser.post("/login", "username", username, "password", PASSWORD);
        assertThat(in.status()).as(in.body()).isEqualTo(302);
        return in;
    }

    static JsonNode tokens(Authorize request, String code) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", request.redirectUri(), "code_verifier", request.verifier()));
        HttpResponse<String> answer = token(request.clientId(), form);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** A token request as the client sends it: confidential clients with their secret, public ones by id. */
    static HttpResponse<String> token(String clientId, Map<String, String> form) throws Exception {
        Map<String, String> body = new LinkedHashMap<>(form);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (clientId.equals("mobile")) {
            body.put("client_id", "mobile");
        } else {
            request.header("Authorization", basic(clientId));
        }
        return HTTP.send(request.POST(HttpRequest.BodyPublishers.ofString(body.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&")))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> refresh(String clientId, String refreshToken) throws Exception {
        return token(clientId, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    static String basic(String clientId) {
        String secret = clientId.equals("web") ? WEB_SECRET : THIRD_SECRET;
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> userinfo(String accessToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/userinfo"));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static boolean active(String token) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/oauth2/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic("web"))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(token))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("active").asBoolean();
    }

    static Map<String, String> errorRedirect(PageClient.Page answer, String callback) {
        assertThat(answer.status()).as("a redirect to the application, never a page: " + answer.body()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(callback + "?");
        return query(URI.create(location));
    }

    // ----- a recovery-limited session is nobody to an application -----

    @Test
    void authorizeWhenRecoverySessionThenNormalLoginFirstNeverACode() {
        PageClient owner = PageJourneys.browser(server);
        AccountId account = signedUp(owner, "oidc-rec-owner");
        // The session a completed recovery opens (password reset only), in a browser of its own.
        Sessions.Opened recovery = server.bean(Sessions.class).openRecovery(account, Session.Kind.BROWSER);
        assertThat(recovery.session().isRecovery()).isTrue();
        PageClient browser = PageJourneys.browser(server);
        browser.setCookie("aikagi_session", recovery.token());

        Authorize request = Authorize.web("");
        PageClient.Page answer = browser.get(request.path());
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).as("the login page, not the application with a code").endsWith("/login");
        Authorize silent = Authorize.web("&prompt=none");
        assertThat(errorRedirect(browser.get(silent.path()), WEB_CALLBACK))
                .containsEntry("error", "login_required").containsEntry("state", silent.state()).doesNotContainKey("code");

        assertThat(browser.get("/oauth2/consent?client_id=third&scope=profile&state=s").status())
                .as("nor is it asked for consent").isEqualTo(400);

        // A normal login through the pages then gives the code, and the recovery session is over.
        PageClient.Page form = browser.get("/login");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.has("username")).isTrue();
        assertThat(browser.get(request.path()).location()).endsWith("/login");
        PageClient.Page in = logIn(browser, "oidc-rec-owner");
        assertThat(in.location()).isEqualTo("/login/continue");
        assertThat(server.bean(Sessions.class).find(recovery.token())).as("the recovery session ended").isEmpty();
        // The cookie set by hand above is not replaced by the server's in the test client's store: swap it.
        String opened = PageClient.all(in, "Set-Cookie").stream().filter(c -> c.startsWith("aikagi_session="))
                .map(c -> c.substring("aikagi_session=".length(), c.indexOf(';'))).findFirst().orElseThrow();
        browser.dropCookie("aikagi_session");
        browser.setCookie("aikagi_session", opened);
        String back = Html.unescape(browser.get("/login/continue").attribute("continue-to-application", "href"));
        assertThat(query(URI.create(browser.get(back).headers().firstValue("Location").orElseThrow())))
                .containsKey("code").containsEntry("state", request.state());
    }

    // ----- the pending-authorization cookie is signed and bound to its request -----

    @Test
    void promptLoginWhenPendingCookieForgedThenLoginAgain() {
        PageClient browser = PageJourneys.browser(server);
        signedUp(browser, "oidc-forge");
        Authorize request = Authorize.web("&prompt=login");
        String path = request.path();
        // The cookie as the old code wrote it (Base64 of "time|path"), with a time before any session began.
        browser.setCookie("aikagi_oidc", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("1|" + path).getBytes(StandardCharsets.UTF_8)));
        PageClient.Page answer = browser.get(path);
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).as("prompt=login still asks for the password").endsWith("/login");

        PageClient.Page maxAge = browser.get(Authorize.web("&max_age=0").path());
        assertThat(maxAge.location()).endsWith("/login");
    }

    @Test
    void promptLoginWhenPendingCookieAlteredThenLoginAgain() {
        PageClient browser = PageJourneys.browser(server);
        signedUp(browser, "oidc-alter");
        Authorize request = Authorize.web("&prompt=login");
        assertThat(browser.get(request.path()).location()).endsWith("/login");
        String real = browser.cookie("aikagi_oidc").orElseThrow().getValue();
        String[] parts = real.split("\\.");
        assertThat(parts).as("version, key id, payload, tag").hasSize(4);
        String earlier = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("1|" + request.path()).getBytes(StandardCharsets.UTF_8));
        browser.setCookie("aikagi_oidc", parts[0] + "." + parts[1] + "." + earlier + "." + parts[3]);

        PageClient.Page answer = browser.get(request.path());
        assertThat(answer.location()).as("an altered cookie is no cookie").endsWith("/login");
        browser.setCookie("aikagi_oidc", real);
        PageClient.Page cont = browser.get("/login/continue");
        assertThat(Html.unescape(cont.attribute("continue-to-application", "href"))).isEqualTo(request.path());
    }

    @Test
    void promptLoginWhenPendingCookieOfAnotherRequestThenLoginAgain() {
        PageClient browser = PageJourneys.browser(server);
        signedUp(browser, "oidc-borrow");
        // A real cookie for request B; the person then logs in (without going back to B), so the session is
        // newer than B's cookie — which must not count for request A.
        Authorize b = Authorize.web("&prompt=login");
        assertThat(browser.get(b.path()).location()).endsWith("/login");
        logIn(browser, "oidc-borrow");

        for (Authorize a : List.of(Authorize.web("&prompt=login"), Authorize.web("&max_age=0"),
                Authorize.mobile("&prompt=login"))) {
            PageClient.Page answer = browser.get(a.path());
            assertThat(answer.status()).isEqualTo(302);
            assertThat(answer.location()).as(a.extra() + " " + a.clientId()).endsWith("/login");
        }
        // B itself, with its own cookie after the login it asked for: straight back with a code.
        browser.get(b.path()); // the cookie is now the last request's (mobile): B asks again
        assertThat(logIn(browser, "oidc-borrow").location()).isEqualTo("/login/continue");
        PageClient.Page back = browser.get(b.path());
        assertThat(query(URI.create(back.location()))).containsKey("code");
    }

    // ----- refresh-token reuse ends the whole family (RFC 9700 §4.14.2) -----

    @Test
    void refreshWhenUsedTokenPresentedAgainThenWholeFamilyRevokedAndAuditedConfidentialClient() throws Exception {
        reuseEndsTheFamily("oidc-reuse-web", "web");
    }

    @Test
    void refreshWhenUsedTokenPresentedAgainThenWholeFamilyRevokedAndAuditedPublicClient() throws Exception {
        reuseEndsTheFamily("oidc-reuse-mobile", "mobile");
    }

    private void reuseEndsTheFamily(String username, String clientId) throws Exception {
        PageClient browser = PageJourneys.browser(server);
        AccountId account = signedUp(browser, username);
        Authorize request = clientId.equals("web") ? Authorize.web("") : Authorize.mobile("");
        PageClient.Page back = browser.get(request.path());
        JsonNode first = tokens(request, query(URI.create(back.location())).get("code"));
        String a1 = first.get("access_token").asString();
        String r1 = first.get("refresh_token").asString();
        // Another login of the same person (another authorization): not part of the family.
        Authorize other = clientId.equals("web") ? Authorize.web("") : Authorize.mobile("");
        JsonNode second = tokens(other, query(URI.create(browser.get(other.path()).location())).get("code"));

        HttpResponse<String> rotated = refresh(clientId, r1);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String a2 = JSON.readTree(rotated.body()).get("access_token").asString();
        String r2 = JSON.readTree(rotated.body()).get("refresh_token").asString();
        assertThat(userinfo(a2).statusCode()).isEqualTo(200);

        HttpResponse<String> reused = refresh(clientId, r1);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(reused.body()).get("error").asString()).isEqualTo("invalid_grant");

        HttpResponse<String> current = refresh(clientId, r2);
        assertThat(current.statusCode()).as("the current refresh token is revoked too").isEqualTo(400);
        assertThat(JSON.readTree(current.body()).get("error").asString()).isEqualTo("invalid_grant");
        for (String access : List.of(a1, a2)) {
            HttpResponse<String> info = userinfo(access);
            assertThat(info.statusCode()).isEqualTo(401);
            assertThat(info.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
            assertThat(active(access)).as("introspection").isFalse();
        }
        assertThat(active(r2)).isFalse();
        assertThat(refresh(clientId, second.get("refresh_token").asString()).statusCode())
                .as("the person's other login keeps its tokens").isEqualTo(200);

        JdbcClient db = JdbcClient.create(server.bean(DataSource.class));
        List<String> details = db.sql("select details from audit_event where account_id = ? and type = 'REFRESH_TOKEN_REUSED'")
                .param(account.value()).query(String.class).list();
        assertThat(details).hasSize(1);
        assertThat(details.getFirst()).contains(clientId);
        List<String> secrets = new ArrayList<>(List.of(a1, a2, r1, r2));
        for (String secret : secrets) {
            assertThat(details.getFirst()).doesNotContain(secret).doesNotContain(secret.substring(0, 16));
        }
    }

    // ----- STANDARDS rule 27 -----

    @Test
    void promptNoneWhenNotSignedInOrFreshLoginNeededThenLoginRequiredToTheApplicationNeverAPage() {
        PageClient stranger = PageJourneys.browser(server);
        Authorize silent = Authorize.web("&prompt=none");
        assertThat(errorRedirect(stranger.get(silent.path()), WEB_CALLBACK))
                .containsEntry("error", "login_required").containsEntry("state", silent.state());

        PageClient browser = PageJourneys.browser(server);
        signedUp(browser, "oidc-silent");
        assertThat(errorRedirect(browser.get(Authorize.web("&prompt=none&max_age=0").path()), WEB_CALLBACK))
                .containsEntry("error", "login_required");
        assertThat(query(URI.create(browser.get(Authorize.web("&prompt=none").path()).location())))
                .as("signed in: a code, still without a page").containsKey("code");
        Authorize consent = Authorize.third("&prompt=none");
        assertThat(errorRedirect(browser.get(consent.path()), THIRD_CALLBACK))
                .containsEntry("error", "consent_required").containsEntry("state", consent.state());
    }

    @Test
    void discoveryWhenAskedThenListsOnlyWhatWorks() throws Exception {
        JsonNode doc = JSON.readTree(server.get("/.well-known/openid-configuration").body());
        assertThat(values(doc, "response_types_supported")).containsExactly("code");
        assertThat(values(doc, "grant_types_supported")).containsExactlyInAnyOrder("authorization_code", "refresh_token");
        assertThat(values(doc, "token_endpoint_auth_methods_supported"))
                .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "none");
        assertThat(values(doc, "code_challenge_methods_supported")).containsExactly("S256");
        assertThat(values(doc, "subject_types_supported")).containsExactly("public");
        assertThat(values(doc, "id_token_signing_alg_values_supported")).containsExactly("RS256");
        for (String absent : List.of("device_authorization_endpoint", "registration_endpoint",
                "pushed_authorization_request_endpoint", "tls_client_certificate_bound_access_tokens",
                "dpop_signing_alg_values_supported")) {
            assertThat(doc.has(absent)).as(absent).isFalse();
        }
        for (String field : List.of("revocation_endpoint_auth_methods_supported", "introspection_endpoint_auth_methods_supported")) {
            if (doc.has(field)) {
                assertThat(values(doc, field)).as(field).isSubsetOf("client_secret_basic", "client_secret_post", "none");
            }
        }
        // What it names answers.
        for (String endpoint : List.of("jwks_uri", "userinfo_endpoint")) {
            String path = URI.create(doc.get(endpoint).asString()).getPath();
            assertThat(server.get(path).statusCode()).as(endpoint).isIn(200, 401);
        }
    }

    @Test
    void userinfoWhenNoBadOrRevokedTokenThen401WithWwwAuthenticate() throws Exception {
        for (String token : new String[] {null, "not-a-token"}) {
            HttpResponse<String> answer = userinfo(token);
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(String.valueOf(token))
                    .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        }
        // A well-signed access token whose login ended (logged out): 401 with the header too.
        PageClient browser = PageJourneys.browser(server);
        signedUp(browser, "oidc-revoked");
        Authorize request = Authorize.web("");
        String access = tokens(request, query(URI.create(browser.get(request.path()).location())).get("code"))
                .get("access_token").asString();
        assertThat(userinfo(access).statusCode()).isEqualTo(200);
        browser.get("/settings");
        browser.post("/logout");
        HttpResponse<String> revoked = userinfo(access);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer").contains("invalid_token"));
    }

    static List<String> values(JsonNode doc, String field) {
        assertThat(doc.has(field)).as(field).isTrue();
        List<String> out = new ArrayList<>();
        doc.get(field).forEach(v -> out.add(v.asString()));
        return out;
    }
}
