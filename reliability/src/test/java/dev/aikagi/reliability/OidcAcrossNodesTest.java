package dev.aikagi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.OAuth;
import dev.aikagi.testkit.PageClient;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An application's login through Aikagi when every request lands on another node: the authorization request
 * on A, the password on B, the code on A, the way back on B, the code exchanged at B's token endpoint, userinfo
 * on A, the refresh on A and the spent refresh token refused by B. Both nodes publish the same signing keys.
 */
class OidcAcrossNodesTest extends ClusterTestSupport {

    static final Pattern CONTINUE = Pattern.compile("id=\"continue-to-application\"[^>]*href=\"([^\"]+)\"");

    @Test
    void codeFlowWhenEveryStepChangesNodeThenTokensWorkOnBothNodes() throws Exception {
        ApiClient api = new ApiClient(cluster.b.base);
        Accounts.Account owner = Accounts.create(api, "oidc");
        Accounts.enableTotp(api, owner);
        PageClient browser = new PageClient(cluster.a.base, null);
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String state = UUID.randomUUID().toString();
        String authorize = "/oauth2/authorize?response_type=code&client_id=" + Cluster.OIDC_CLIENT + "&redirect_uri="
                + enc(Cluster.OIDC_REDIRECT) + "&scope=openid%20profile&state=" + state + "&nonce=n-" + state
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";

        PageClient.Page first = browser.get(cluster.a.base, authorize);
        assertThat(first.status()).as(first.body()).isEqualTo(302);
        assertThat(first.location()).isEqualTo("/login");
        browser.get(cluster.b.base, "/login");
        PageClient.Page password = browser.post(cluster.b.base, "/login",
                Map.of("username", owner.username, "password", owner.password));
        assertThat(password.location()).isEqualTo("/login/challenge");
        browser.get(cluster.a.base, "/login/challenge");
        PageClient.Page code = browser.post(cluster.a.base, "/login/challenge",
                Map.of("code", Accounts.totp(owner, Accounts.currentStep())));
        assertThat(code.location()).isEqualTo("/login/continue");
        PageClient.Page cont = browser.get(cluster.b.base, "/login/continue");
        Matcher link = CONTINUE.matcher(cont.body());
        assertThat(link.find()).as(cont.body()).isTrue();
        PageClient.Page back = browser.get(cluster.a.base, link.group(1).replace("&amp;", "&"));
        assertThat(back.status()).as(back.body()).isEqualTo(302);
        URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(callback.toString()).startsWith(Cluster.OIDC_REDIRECT + "?");
        Map<String, String> answer = query(callback);
        assertThat(answer.get("state")).isEqualTo(state);

        ApiClient.Reply tokens = token(cluster.b, Map.of("grant_type", "authorization_code", "code", answer.get("code"),
                "redirect_uri", Cluster.OIDC_REDIRECT, "code_verifier", verifier));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        JsonNode idToken = verify(tokens.json().get("id_token").asString(), jwks(cluster.a));
        assertThat(idToken.get("iss").asString()).isEqualTo(Cluster.OIDC_ISSUER);
        assertThat(idToken.get("acr").asString()).isEqualTo("aal2");
        assertThat(idToken.get("amr").toString()).isEqualTo("[\"pwd\",\"otp\",\"mfa\"]");
        assertThat(jwks(cluster.a)).as("both nodes publish the same keys").isEqualTo(jwks(cluster.b));

        ApiClient.Reply userinfo = ApiClient.send(HttpRequest.newBuilder(cluster.a.base.resolve("/userinfo"))
                .header("Authorization", "Bearer " + tokens.json().get("access_token").asString()).GET().build());
        assertThat(userinfo.status()).as(userinfo.body()).isEqualTo(200);
        assertThat(userinfo.json().get("preferred_username").asString()).isEqualTo(owner.username);

        String refresh = tokens.json().get("refresh_token").asString();
        ApiClient.Reply refreshed = token(cluster.a, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        ApiClient.Reply spent = token(cluster.b, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(spent.status()).isEqualTo(400);
        assertThat(spent.json().get("error").asString()).isEqualTo("invalid_grant");
        Report.section("OpenID Connect across nodes", "authorize on A, password on B, code on A, back on B, token on B,"
                + " userinfo and refresh on A, spent refresh refused on B: OK");
    }

    static ApiClient.Reply token(Node node, Map<String, String> form) throws Exception {
        String basic = Base64.getEncoder().encodeToString((Cluster.OIDC_CLIENT + ":" + Cluster.OIDC_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        return ApiClient.send(HttpRequest.newBuilder(node.base.resolve("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"))))
                .build());
    }

    static JsonNode jwks(Node node) throws Exception {
        return ApiClient.send(HttpRequest.newBuilder(node.base.resolve("/oauth2/jwks")).GET().build()).json();
    }

    /** Checks the RS256 signature with the key its header names; returns the claims. */
    static JsonNode verify(String jwt, JsonNode jwks) throws Exception {
        String[] parts = jwt.split("\\.");
        Base64.Decoder url = Base64.getUrlDecoder();
        JsonNode header = ApiClient.JSON.readTree(url.decode(parts[0]));
        JsonNode key = null;
        for (JsonNode k : jwks.get("keys")) {
            if (k.get("kid").asString().equals(header.get("kid").asString())) {
                key = k;
            }
        }
        assertThat(key).as("the signing key is published").isNotNull();
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, url.decode(key.get("n").asString())), new BigInteger(1, url.decode(key.get("e").asString()))));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(url.decode(parts[2]))).as("signature").isTrue();
        return ApiClient.JSON.readTree(url.decode(parts[1]));
    }

    static Map<String, String> query(URI uri) {
        return OAuth.query(uri);
    }

    static String challenge(String verifier) throws Exception {
        return OAuth.challenge(verifier);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
