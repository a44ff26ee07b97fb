package dev.aikagi.server.oidc;

import static dev.aikagi.server.oidc.OidcJourneyTest.challenge;
import static dev.aikagi.server.oidc.OidcJourneyTest.enc;
import static dev.aikagi.server.oidc.OidcJourneyTest.random;
import static dev.aikagi.server.testing.PageJourneys.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.server.RunningServer;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.testkit.Html;
import dev.aikagi.testkit.OAuth;
import dev.aikagi.testkit.PageClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18, "OpenID Connect for every stack", through HTTP as applications and browsers send it: discovery
 * tells the truth (every advertised value is used by a request here), {@code ui_locales} and
 * {@code login_hint}, sign-up returning to the application, the pages naming the application with
 * "Not you?", the unregistered {@code redirect_uri} page, {@code WWW-Authenticate} on userinfo, and CORS per
 * client.
 */
class OidcEveryStackTest {

    static final String WEB_CALLBACK = "http://rp.example/callback";
    static final String WEB_SECRET = "web-secret-0123456789abcdef";
    static final String SPA_CALLBACK = "http://spa.example/callback";
    static final String SPA_ORIGIN = "http://spa.example";
    static final String OTHER_ORIGIN = "http://other.example";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, "--server.forward-headers-strategy=native",
                "--aikagi.oidc.clients.web.secret=" + WEB_SECRET,
                "--aikagi.oidc.clients.web.redirect-uris=" + WEB_CALLBACK,
                "--aikagi.oidc.clients.web.post-logout-redirect-uris=http://rp.example/bye",
                "--aikagi.oidc.clients.web.first-party=true",
                "--aikagi.oidc.clients.web.name=Web shop",
                "--aikagi.oidc.clients.spa.redirect-uris=" + SPA_CALLBACK,
                "--aikagi.oidc.clients.spa.first-party=true",
                "--aikagi.oidc.clients.spa.name=Photo album",
                "--aikagi.oidc.clients.spa.allowed-origins=" + SPA_ORIGIN);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ----- helpers -----

    record Authorize(String clientId, String redirectUri, String verifier, String state, String nonce, String scope,
                     String extra) {
        static Authorize web(String extra) {
            return new Authorize("web", WEB_CALLBACK, random(), random(), random(), "openid profile email", extra);
        }

        static Authorize spa(String extra) {
            return new Authorize("spa", SPA_CALLBACK, random(), random(), random(), "openid profile email", extra);
        }

        Authorize scope(String other) {
            return new Authorize(clientId, redirectUri, verifier, state, nonce, other, extra);
        }

        String path() {
            return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + enc(redirectUri)
                    + "&scope=" + enc(scope) + "&state=" + state + "&nonce=" + nonce
                    + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256" + extra;
        }
    }

    static AccountId signedUp(PageClient browser, String username) {
        PageJourneys.signUp(browser, username);
        return server.bean(AccountRepository.class).findByUsername(username).orElseThrow().id();
    }

    static Map<String, String> codeFor(PageClient signedIn, Authorize request) {
        PageClient.Page answer = signedIn.get(request.path());
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        Map<String, String> back = OAuth.query(URI.create(answer.headers().firstValue("Location").orElseThrow()));
        assertThat(back).as(back.toString()).containsKey("code");
        return back;
    }

    static HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"))));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** The code exchanged as the client's authentication method says. */
    static JsonNode exchange(Authorize request, String code, String method) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", request.redirectUri(), "code_verifier", request.verifier()));
        Map<String, String> headers = new LinkedHashMap<>();
        switch (method) {
            case "client_secret_basic" -> headers.put("Authorization", basic(request.clientId(), WEB_SECRET));
            case "client_secret_post" -> {
                form.put("client_id", request.clientId());
                form.put("client_secret", WEB_SECRET);
            }
            case "none" -> form.put("client_id", request.clientId());
            default -> throw new AssertionError(method);
        }
        HttpResponse<String> answer = post("/oauth2/token", form, headers);
        assertThat(answer.statusCode()).as(method + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    static JWTClaimsSet idToken(JsonNode tokens) throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.get("id_token").asString());
        JWKSet keys = JWKSet.parse(server.get("/oauth2/jwks").body());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        return jwt.getJWTClaimsSet();
    }

    static JsonNode userinfo(String accessToken) throws Exception {
        HttpResponse<String> answer = send("GET", "/userinfo", Map.of("Authorization", "Bearer " + accessToken));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    static List<String> values(JsonNode doc, String field) {
        assertThat(doc.has(field)).as(field).isTrue();
        List<String> out = new ArrayList<>();
        doc.get(field).forEach(v -> out.add(v.asString()));
        return out;
    }

    static JsonNode discovery() throws Exception {
        return JSON.readTree(server.get("/.well-known/openid-configuration").body());
    }

    // ----- discovery tells the truth -----

    @Test
    void discoveryWhenAskedThenEveryAdvertisedValueWorksInARequest() throws Exception {
        JsonNode doc = discovery();
        assertThat(values(doc, "scopes_supported")).containsExactly("openid", "profile", "email");
        assertThat(values(doc, "acr_values_supported")).containsExactly("aal1", "aal2");
        assertThat(values(doc, "ui_locales_supported")).containsExactly("ja", "en");
        assertThat(doc.get("claims_parameter_supported").asBoolean()).isFalse();
        assertThat(doc.get("request_parameter_supported").asBoolean()).isFalse();
        assertThat(doc.get("request_uri_parameter_supported").asBoolean()).isFalse();
        assertThat(values(doc, "grant_types_supported")).containsExactly("authorization_code", "refresh_token");
        assertThat(values(doc, "token_endpoint_auth_methods_supported"))
                .containsExactly("client_secret_basic", "client_secret_post", "none");
        assertThat(values(doc, "revocation_endpoint_auth_methods_supported"))
                .containsExactly("client_secret_basic", "client_secret_post", "none");

        PageClient browser = PageJourneys.browser(server);
        AccountId account = signedUp(browser, "every-claim");
        server.bean(ContactChannelRepository.class).save(new ContactChannel(account, Channel.EMAIL,
                "every-claim@example.com", "en", false, Instant.now()));

        // Each client authentication method of the token endpoint, and both grants.
        Set<String> usedMethods = new HashSet<>();
        JsonNode basicTokens = null;
        JsonNode postTokens = null;
        Authorize withAll = null;
        for (String method : values(doc, "token_endpoint_auth_methods_supported")) {
            Authorize request = method.equals("none") ? Authorize.spa("") : Authorize.web("");
            JsonNode tokens = exchange(request, codeFor(browser, request).get("code"), method);
            assertThat(tokens.get("id_token")).isNotNull();
            usedMethods.add(method);
            if (method.equals("client_secret_basic")) {
                basicTokens = tokens;
                withAll = request;
            } else if (method.equals("client_secret_post")) {
                postTokens = tokens;
            }
        }
        assertThat(usedMethods).hasSize(3);
        for (String grant : values(doc, "grant_types_supported")) {
            if (grant.equals("refresh_token")) {
                HttpResponse<String> refreshed = post("/oauth2/token", Map.of("grant_type", "refresh_token",
                        "refresh_token", postTokens.get("refresh_token").asString()),
                        Map.of("Authorization", basic("web", WEB_SECRET)));
                assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
            }
        }

        // Every advertised claim: in the ID token or at userinfo (openid profile email asked).
        JWTClaimsSet claims = idToken(basicTokens);
        JsonNode info = userinfo(basicTokens.get("access_token").asString());
        assertThat(claims.getStringClaim("nonce")).isEqualTo(withAll.nonce());
        for (String claim : values(doc, "claims_supported")) {
            assertThat(claims.getClaim(claim) != null || info.has(claim)).as(claim).isTrue();
        }
        // The scopes give their claims, and only theirs.
        assertThat(info.get("preferred_username").asString()).isEqualTo("every-claim");
        assertThat(info.get("email").asString()).isEqualTo("every-claim@example.com");
        assertThat(info.get("email_verified").asBoolean()).isTrue();
        Authorize openidOnly = Authorize.web("").scope("openid");
        JsonNode bare = exchange(openidOnly, codeFor(browser, openidOnly).get("code"), "client_secret_basic");
        assertThat(idToken(bare).getClaims()).doesNotContainKeys("preferred_username", "email");
        assertThat(userinfo(bare.get("access_token").asString()).has("email")).isFalse();
        Authorize profileOnly = Authorize.web("").scope("openid profile");
        JsonNode profile = exchange(profileOnly, codeFor(browser, profileOnly).get("code"), "client_secret_basic");
        assertThat(userinfo(profile.get("access_token").asString()).has("preferred_username")).isTrue();
        assertThat(userinfo(profile.get("access_token").asString()).has("email")).isFalse();

        // acr_values: aal1 is given to a password login; aal2 to a two-step login (OidcJourneyTest), and asked of a
        // password-only account it is refused rather than weakened.
        Authorize aal1 = Authorize.web("&acr_values=aal1");
        assertThat(idToken(exchange(aal1, codeFor(browser, aal1).get("code"), "client_secret_basic"))
                .getStringClaim("acr")).isEqualTo("aal1");
        PageClient.Page aal2 = browser.get(Authorize.web("&acr_values=aal2").path());
        assertThat(OAuth.query(URI.create(aal2.headers().firstValue("Location").orElseThrow())))
                .containsEntry("error", "unmet_authentication_requirements");

        // claims_parameter_supported is false: a claims parameter is ignored, never an error.
        Authorize withClaims = Authorize.web("&claims=" + enc("{\"id_token\":{\"email\":{\"essential\":true}}}"));
        assertThat(codeFor(browser, withClaims)).containsKey("code");

        // ui_locales_supported: each opens the login page in that language.
        for (String locale : values(doc, "ui_locales_supported")) {
            PageClient stranger = PageJourneys.browser(server);
            PageClient.Page login = stranger.open(Authorize.web("&ui_locales=" + locale).path());
            assertThat(login.body()).containsPattern("<html[^>]* lang=\"" + locale + "\"");
        }

        // Revocation with each advertised method.
        for (String method : values(doc, "revocation_endpoint_auth_methods_supported")) {
            Authorize request = method.equals("none") ? Authorize.spa("") : Authorize.web("");
            JsonNode tokens = exchange(request, codeFor(browser, request).get("code"),
                    method.equals("none") ? "none" : "client_secret_basic");
            String access = tokens.get("access_token").asString();
            Map<String, String> form = new LinkedHashMap<>(Map.of("token", access));
            Map<String, String> headers = new LinkedHashMap<>();
            switch (method) {
                case "client_secret_basic" -> headers.put("Authorization", basic("web", WEB_SECRET));
                case "client_secret_post" -> {
                    form.put("client_id", "web");
                    form.put("client_secret", WEB_SECRET);
                }
                default -> form.put("client_id", "spa");
            }
            HttpResponse<String> revoked = post("/oauth2/revoke", form, headers);
            assertThat(revoked.statusCode()).as(method + ": " + revoked.body()).isEqualTo(200);
            HttpResponse<String> after = send("GET", "/userinfo", Map.of("Authorization", "Bearer " + access));
            assertThat(after.statusCode()).as(method).isEqualTo(401);
            assertThat(after.headers().firstValue("WWW-Authenticate")).as(method)
                    .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer").contains("error=\"invalid_token\""));
        }
        // Introspection with each advertised method.
        Authorize introspected = Authorize.web("");
        String live = exchange(introspected, codeFor(browser, introspected).get("code"), "client_secret_basic")
                .get("access_token").asString();
        for (String method : values(doc, "introspection_endpoint_auth_methods_supported")) {
            Map<String, String> form = new LinkedHashMap<>(Map.of("token", live));
            Map<String, String> headers = new LinkedHashMap<>();
            if (method.equals("client_secret_basic")) {
                headers.put("Authorization", basic("web", WEB_SECRET));
            } else {
                assertThat(method).isEqualTo("client_secret_post");
                form.put("client_id", "web");
                form.put("client_secret", WEB_SECRET);
            }
            HttpResponse<String> answer = post("/oauth2/introspect", form, headers);
            assertThat(answer.statusCode()).as(method + ": " + answer.body()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).get("active").asBoolean()).as(method).isTrue();
        }
        // A public client cannot revoke another client's token by naming itself.
        Authorize webRequest = Authorize.web("");
        String webAccess = exchange(webRequest, codeFor(browser, webRequest).get("code"), "client_secret_basic")
                .get("access_token").asString();
        post("/oauth2/revoke", Map.of("token", webAccess, "client_id", "spa"), Map.of());
        assertThat(userinfo(webAccess).get("sub").asString()).isEqualTo(account.toString());
    }

    @Test
    void discoveryWhenAClientHasClientCredentialsThenAdvertisedAndTheGrantWorks() throws Exception {
        RegisteredClientRepository clients = server.bean(RegisteredClientRepository.class);
        assertThat(values(discovery(), "grant_types_supported")).doesNotContain("client_credentials");
        clients.save(RegisteredClient.withId(UUID.randomUUID().toString()).clientId("machine")
                .clientSecret("{noop}machine-secret-0123456789abcdef")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("aikagi.admin").build());
        try {
            assertThat(values(discovery(), "grant_types_supported")).contains("client_credentials");
            HttpResponse<String> token = post("/oauth2/token", Map.of("grant_type", "client_credentials",
                    "scope", "aikagi.admin"), Map.of("Authorization", basic("machine", "machine-secret-0123456789abcdef")));
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            assertThat(JSON.readTree(token.body()).get("access_token")).isNotNull();
        } finally {
            server.bean(org.springframework.jdbc.core.JdbcTemplate.class)
                    .update("delete from oauth2_registered_client where client_id = 'machine'");
        }
        assertThat(values(discovery(), "grant_types_supported")).doesNotContain("client_credentials");
    }

    // ----- ui_locales and login_hint -----

    @Test
    void uiLocalesAndLoginHintWhenSentThenLoginPageInThatLanguageWithTheUsernameFilled() {
        PageClient browser = PageJourneys.browser(server).acceptLanguage("en");
        PageClient.Page first = browser.get(Authorize.web("&ui_locales=" + enc("fr-CA ja-JP en") + "&login_hint=hana-ko").path());
        assertThat(first.status()).isEqualTo(302);
        assertThat(first.location()).isEqualTo("/login?lang=ja&username=hana-ko");
        PageClient.Page login = browser.follow(first);
        assertThat(login.body()).containsPattern("<html[^>]* lang=\"ja\"");
        assertThat(login.attribute("username", "value")).isEqualTo("hana-ko");
        assertThat(login.text("asking-application")).contains("Web shop");
        assertThat(login.has("use-another-account")).as("a filled username offers another account").isTrue();

        PageClient english = PageJourneys.browser(server).acceptLanguage("ja");
        PageClient.Page en = english.open(Authorize.web("&ui_locales=en").path());
        assertThat(en.body()).containsPattern("<html[^>]* lang=\"en\"");
        assertThat(en.text("asking-application")).isEqualTo("Web shop asks you to log in with Aikagi.");
        assertThat(en.attribute("username", "value")).isEmpty();
        assertThat(en.has("use-another-account")).isFalse();

        PageClient unsupported = PageJourneys.browser(server).acceptLanguage("ja");
        PageClient.Page first2 = unsupported.get(Authorize.web("&ui_locales=fr").path());
        assertThat(first2.location()).as("no language of ours: the browser's stays").isEqualTo("/login");
    }

    // ----- sign-up from an application returns to it -----

    @Test
    void signUpWhenStartedFromAnApplicationsLoginThenBackToThatApplication() {
        PageClient browser = PageJourneys.browser(server);
        Authorize request = Authorize.web("");
        PageClient.Page login = browser.open(request.path());
        assertThat(login.text("asking-application")).contains("Web shop");
        PageClient.Page signup = browser.get(login.attribute("signup-link", "href"));
        assertThat(signup.text("asking-application")).contains("Web shop");
        PageClient.Page created = browser.post("/signup", "username", "signup-from-app", "password", PASSWORD);
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.location()).isEqualTo("/login/continue");
        PageClient.Page cont = browser.get("/login/continue");
        PageClient.Page back = browser.get(Html.unescape(cont.attribute("continue-to-application", "href")));
        Map<String, String> answer = OAuth.query(URI.create(back.headers().firstValue("Location").orElseThrow()));
        assertThat(answer).containsKey("code").containsEntry("state", request.state());

        // Without an application waiting, sign-up goes on to the two-step settings as before.
        PageClient plain = PageJourneys.browser(server);
        plain.get("/signup");
        PageClient.Page own = plain.post("/signup", "username", "signup-plain", "password", PASSWORD);
        assertThat(own.location()).doesNotContain("/login/continue");
    }

    @Test
    void recoveryDoneWhenAnApplicationWaitsThenNamedAndTheLoginAfterItGoesBackToTheApplication() {
        signedUp(PageJourneys.browser(server), "recovered-taro");
        PageClient browser = PageJourneys.browser(server);
        Authorize request = Authorize.web("");
        browser.open(request.path());
        // The last page of a recovery (the recovery session has ended there): the application is named, and
        // its "Log in" leads to a login that ends at the application, not at Aikagi's settings.
        PageClient.Page done = browser.get("/recovery/done");
        assertThat(done.text("asking-application")).contains("Web shop");
        browser.get(done.attribute("recovery-login", "href"));
        PageClient.Page in = browser.post("/login", "username", "recovered-taro", "password", PASSWORD);
        assertThat(in.location()).isEqualTo("/login/continue");
        PageClient.Page cont = browser.get("/login/continue");
        PageClient.Page back = browser.get(Html.unescape(cont.attribute("continue-to-application", "href")));
        assertThat(OAuth.query(URI.create(back.headers().firstValue("Location").orElseThrow())))
                .containsKey("code").containsEntry("state", request.state());
    }

    // ----- the pages name the application; "Not you?" -----

    @Test
    void codePagesWhenAnApplicationAsksThenNameItAndNotYouDropsTheLoginButKeepsTheRequest() {
        PageClient setUp = PageJourneys.browser(server);
        PageJourneys.signUp(setUp, "not-you-taro");
        List<String> codes = PageJourneys.enableTwoStep(setUp);

        PageClient browser = PageJourneys.browser(server);
        Authorize request = Authorize.web("");
        browser.open(request.path());
        PageClient.Page password = browser.post("/login", "username", "not-you-taro", "password", PASSWORD);
        PageClient.Page challenge = browser.follow(password);
        assertThat(challenge.text("asking-application")).contains("Web shop");
        assertThat(challenge.has("use-another-account")).isTrue();
        PageClient.Page methods = browser.get("/login/methods");
        assertThat(methods.text("asking-application")).contains("Web shop");
        assertThat(methods.has("use-another-account")).isTrue();

        browser.get("/login/challenge");
        PageClient.Page notYou = browser.post("/login/another-account");
        assertThat(notYou.location()).isEqualTo("/login");
        assertThat(browser.get("/login/challenge").location()).as("the login under way is gone")
                .startsWith("/login?flow-expired");
        PageClient.Page again = browser.get("/login");
        assertThat(again.text("asking-application")).as("the application's request stays").contains("Web shop");

        // Another account logs in and goes back to the application.
        PageClient other = PageJourneys.browser(server);
        PageJourneys.signUp(other, "not-you-hanako");
        PageClient.Page in = browser.post("/login", "username", "not-you-hanako", "password", PASSWORD);
        assertThat(in.location()).isEqualTo("/login/continue");
        PageClient.Page cont = browser.get("/login/continue");
        PageClient.Page back = browser.get(Html.unescape(cont.attribute("continue-to-application", "href")));
        assertThat(OAuth.query(URI.create(back.headers().firstValue("Location").orElseThrow()))).containsKey("code");
        assertThat(codes).isNotEmpty();
    }

    // ----- errors an application or a developer can act on -----

    @Test
    void authorizeWhenRedirectUriNotRegisteredThenAPageNamingItAndTheClientInBothLanguages() {
        String path = "/oauth2/authorize?response_type=code&client_id=web&redirect_uri=" + enc("https://evil.example/x")
                + "&scope=openid&state=s&code_challenge=" + challenge(random()) + "&code_challenge_method=S256";
        PageClient english = PageJourneys.browser(server).acceptLanguage("en");
        PageClient.Page en = english.get(path);
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.headers().firstValue("Location")).isEmpty();
        assertThat(en.text("request-problem"))
                .isEqualTo("The redirect_uri \"https://evil.example/x\" is not registered for the client \"web\".");
        assertThat(en.text("request-problem-fix")).contains("aikagi.oidc.clients.web.redirect-uris");

        PageClient japanese = PageJourneys.browser(server).acceptLanguage("ja");
        PageClient.Page ja = japanese.get(path);
        assertThat(ja.status()).isEqualTo(400);
        assertThat(ja.body()).containsPattern("<html[^>]* lang=\"ja\"");
        assertThat(ja.text("request-problem")).isEqualTo("redirect_uri「https://evil.example/x」はクライアント「web」に登録されていません。");

        PageClient.Page unknown = english.get("/oauth2/authorize?response_type=code&client_id=nobody&redirect_uri="
                + enc(WEB_CALLBACK) + "&scope=openid&state=s");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Location")).isEmpty();
        assertThat(unknown.text("request-problem")).isEqualTo("There is no client \"nobody\".");

        assertThat(english.get(RequestProblemPageController.PATH).status()).as("only reached by the forward").isEqualTo(404);
    }

    @Test
    void promptNoneWhenNoSessionOrConsentMissingThenTheErrorGoesToTheApplication() {
        PageClient stranger = PageJourneys.browser(server);
        Authorize silent = Authorize.web("&prompt=none");
        PageClient.Page answer = stranger.get(silent.path());
        assertThat(answer.status()).isEqualTo(302);
        assertThat(OAuth.query(URI.create(answer.headers().firstValue("Location").orElseThrow())))
                .containsEntry("error", "login_required").containsEntry("state", silent.state());
    }

    // ----- CORS per client -----

    @Test
    void corsWhenTheClientsOriginThenAllowedAndAnyOtherOriginNot() throws Exception {
        for (String path : List.of("/oauth2/token", "/userinfo", "/oauth2/revoke", "/oauth2/jwks")) {
            String method = path.equals("/userinfo") || path.equals("/oauth2/jwks") ? "GET" : "POST";
            HttpResponse<String> allowed = send("OPTIONS", path, Map.of("Origin", SPA_ORIGIN,
                    "Access-Control-Request-Method", method, "Access-Control-Request-Headers", "authorization,content-type"));
            assertThat(allowed.statusCode()).as(path).isEqualTo(200);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).as(path).contains(SPA_ORIGIN);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).as(path).isEmpty();
            HttpResponse<String> refused = send("OPTIONS", path, Map.of("Origin", OTHER_ORIGIN,
                    "Access-Control-Request-Method", method));
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
        }
        assertThat(send("GET", "/oauth2/jwks", Map.of("Origin", SPA_ORIGIN)).headers()
                .firstValue("Access-Control-Allow-Origin")).contains(SPA_ORIGIN);
        assertThat(send("GET", "/oauth2/jwks", Map.of("Origin", OTHER_ORIGIN)).headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();

        // The token request itself: the spa client's origin gets the answer; the web client has no origins.
        PageClient browser = PageJourneys.browser(server);
        signedUp(browser, "cors-person");
        Authorize spa = Authorize.spa("");
        String code = codeFor(browser, spa).get("code");
        HttpResponse<String> fromOther = post("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", SPA_CALLBACK, "code_verifier", spa.verifier(), "client_id", "spa"),
                Map.of("Origin", OTHER_ORIGIN));
        assertThat(fromOther.statusCode()).isEqualTo(403);
        assertThat(fromOther.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> tokens = post("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", SPA_CALLBACK, "code_verifier", spa.verifier(), "client_id", "spa"),
                Map.of("Origin", SPA_ORIGIN));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.headers().firstValue("Access-Control-Allow-Origin")).contains(SPA_ORIGIN);
        String access = JSON.readTree(tokens.body()).get("access_token").asString();
        HttpResponse<String> info = send("GET", "/userinfo", Map.of("Origin", SPA_ORIGIN, "Authorization", "Bearer " + access));
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.headers().firstValue("Access-Control-Allow-Origin")).contains(SPA_ORIGIN);

        Authorize web = Authorize.web("");
        HttpResponse<String> webFromSpaOrigin = post("/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", codeFor(browser, web).get("code"), "redirect_uri", WEB_CALLBACK, "code_verifier", web.verifier()),
                Map.of("Origin", SPA_ORIGIN, "Authorization", basic("web", WEB_SECRET)));
        assertThat(webFromSpaOrigin.headers().firstValue("Access-Control-Allow-Origin"))
                .as("another client's origin is not this client's").isEmpty();
    }

    // ----- OpenID Foundation Basic OP and Config OP checks that run here (README-oidc.md lists them) -----

    static URI location(PageClient.Page answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void conformanceWhenNonceMaxAgePromptAndIdTokenHintThenAsTheBasicOpPlanExpects() throws Exception {
        PageClient browser = PageJourneys.browser(server);
        AccountId account = signedUp(browser, "conformance-basic");

        // oidcc-ensure-request-without-nonce-succeeds-for-code-flow; oidcc-nonce (nonce echoed, see discovery test)
        Authorize noNonce = new Authorize("web", WEB_CALLBACK, random(), random(), null, "openid", "");
        String withoutNonce = noNonce.path().replace("&nonce=null", "");
        Map<String, String> code = OAuth.query(location(browser.get(withoutNonce)));
        JWTClaimsSet plain = idToken(exchange(noNonce, code.get("code"), "client_secret_basic"));
        assertThat(plain.getClaim("nonce")).isNull();
        assertThat(plain.getSubject()).isEqualTo(account.toString());

        // oidcc-max-age-10000: no new login, auth_time given; oidcc-max-age-1 (max_age=0 here): log in again
        Authorize longAge = Authorize.web("&max_age=10000");
        JWTClaimsSet aged = idToken(exchange(longAge, codeFor(browser, longAge).get("code"), "client_secret_basic"));
        assertThat(aged.getDateClaim("auth_time")).isNotNull();
        assertThat(location(browser.get(Authorize.web("&max_age=0").path())).getPath()).isEqualTo("/login");

        // oidcc-prompt-login: the login page although signed in; oidcc-prompt-none-logged-in: a code, no page
        assertThat(location(browser.get(Authorize.web("&prompt=login").path())).getPath()).isEqualTo("/login");
        Authorize silent = Authorize.web("&prompt=none");
        JsonNode silentTokens = exchange(silent, codeFor(browser, silent).get("code"), "client_secret_basic");

        // oidcc-id-token-hint: prompt=none with the ID token of the earlier login gives the same person
        String hint = silentTokens.get("id_token").asString();
        Authorize hinted = Authorize.web("&prompt=none&id_token_hint=" + hint);
        assertThat(idToken(exchange(hinted, codeFor(browser, hinted).get("code"), "client_secret_basic")).getSubject())
                .isEqualTo(account.toString());

        // oidcc-ensure-request-with-unknown-parameter-succeeds, display=page/popup, claims_locales, acr_values
        for (String extra : List.of("&unknown-parameter=x", "&display=page", "&display=popup", "&claims_locales=ja",
                "&acr_values=" + enc("aal1 aal2"))) {
            assertThat(codeFor(browser, Authorize.web(extra))).as(extra).containsKey("code");
        }
        // oidcc-ensure-other-scope-order-succeeds
        assertThat(codeFor(browser, Authorize.web("").scope("email openid"))).containsKey("code");

        // oidcc-unsigned-request-object-supported-correctly-or-rejected-as-unsupported
        Authorize withObject = Authorize.web("&request=eyJhbGciOiJub25lIn0.e30.");
        assertThat(OAuth.query(location(browser.get(withObject.path()))))
                .containsEntry("error", "request_not_supported").containsEntry("state", withObject.state());

        // oidcc-ensure-post-request-succeeds: the authorization request as a form POST
        Authorize posted = Authorize.web("");
        Map<String, String> form = OAuth.query(URI.create("http://x" + posted.path()));
        assertThat(OAuth.query(location(browser.postRaw("/oauth2/authorize", form)))).containsKey("code");

        // oidcc-codereuse: a code used twice is refused
        Authorize once = Authorize.web("");
        String onceCode = codeFor(browser, once).get("code");
        exchange(once, onceCode, "client_secret_basic");
        HttpResponse<String> again = post("/oauth2/token", Map.of("grant_type", "authorization_code", "code", onceCode,
                "redirect_uri", WEB_CALLBACK, "code_verifier", once.verifier()), Map.of("Authorization", basic("web", WEB_SECRET)));
        assertThat(again.statusCode()).isEqualTo(400);

        // oidcc-userinfo-get and oidcc-userinfo-post-header
        String access = silentTokens.get("access_token").asString();
        assertThat(userinfo(access).get("sub").asString()).isEqualTo(account.toString());
        HttpResponse<String> postHeader = post("/userinfo", Map.of(), Map.of("Authorization", "Bearer " + access));
        assertThat(postHeader.statusCode()).as(postHeader.body()).isEqualTo(200);
    }

    @Test
    void conformanceWhenDiscoveryReadThenConfigOpChecksHold() throws Exception {
        JsonNode doc = discovery();
        String issuer = "http://127.0.0.1:" + server.port();
        // oidcc-discovery-endpoint-verify: issuer as fetched, the required fields, https-less only in development
        assertThat(doc.get("issuer").asString()).isEqualTo(issuer);
        for (String required : List.of("authorization_endpoint", "token_endpoint", "jwks_uri", "response_types_supported",
                "subject_types_supported", "id_token_signing_alg_values_supported", "userinfo_endpoint")) {
            assertThat(doc.has(required)).as(required).isTrue();
        }
        assertThat(values(doc, "response_types_supported")).containsExactly("code");
        assertThat(values(doc, "id_token_signing_alg_values_supported")).contains("RS256");
        // Nothing else is advertised than what these tests use.
        List<String> fields = new ArrayList<>();
        doc.propertyNames().forEach(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("issuer", "authorization_endpoint", "token_endpoint",
                "jwks_uri", "userinfo_endpoint", "end_session_endpoint", "revocation_endpoint", "introspection_endpoint",
                "response_types_supported", "grant_types_supported", "subject_types_supported",
                "id_token_signing_alg_values_supported", "scopes_supported", "claims_supported",
                "token_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported",
                "introspection_endpoint_auth_methods_supported", "code_challenge_methods_supported",
                "acr_values_supported", "ui_locales_supported", "claims_parameter_supported",
                "request_parameter_supported", "request_uri_parameter_supported", "backchannel_logout_supported");
        // No client here has a backchannel-logout-uri (BackChannelLogoutTest covers one that has).
        assertThat(doc.get("backchannel_logout_supported").asBoolean()).isFalse();
        // The JWKS: public RSA signing keys with kid and use=sig, no private part.
        JsonNode jwks = JSON.readTree(server.get(URI.create(doc.get("jwks_uri").asString()).getPath()).body());
        assertThat(jwks.get("keys").size()).isPositive();
        jwks.get("keys").forEach(k -> {
            assertThat(k.get("kty").asString()).isEqualTo("RSA");
            assertThat(k.has("kid")).isTrue();
            assertThat(k.has("d")).isFalse();
        });
    }
}
