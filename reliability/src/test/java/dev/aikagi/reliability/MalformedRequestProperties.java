package dev.aikagi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.ApiClient;
import dev.aikagi.testkit.PageClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Bad input at scale: 10,000 generated requests against node A, across every {@code /api/v1} endpoint and
 * the pages' form POSTs — wrong and broken JSON, wrong types, huge and unicode strings, missing fields, bad
 * path ids, wrong methods and content types, bad bearer tokens and client addresses. None may answer 5xx or
 * show a stack trace, and the node is healthy afterwards. Pages are posted with a valid CSRF token half of
 * the time (else they stop at the CSRF check), from an anonymous and from a signed-in browser.
 */
class MalformedRequestProperties {

    static final int TRIES = 10_000;

    record Endpoint(String method, String path, boolean page) {
    }

    record Attempt(Endpoint endpoint, String method, String pathId, String contentType, String body, String auth,
                   String forwardedFor, boolean withCsrf, boolean signedIn) {
        @Override
        public String toString() {
            String shown = body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + " chars)" : body;
            return method + " " + endpoint.path() + " id=" + abbreviate(pathId) + " type=" + contentType + " auth="
                    + abbreviate(auth) + " xff=" + abbreviate(forwardedFor) + " csrf=" + withCsrf + " signedIn=" + signedIn
                    + " body=" + shown;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/accounts", false),
            new Endpoint("POST", "/api/v1/login", false),
            new Endpoint("POST", "/api/v1/login/{id}/verify", false),
            new Endpoint("POST", "/api/v1/login/{id}/send-code", false),
            new Endpoint("POST", "/api/v1/login/{id}/method", false),
            new Endpoint("POST", "/api/v1/logout", false),
            new Endpoint("GET", "/api/v1/me", false),
            new Endpoint("POST", "/api/v1/me/phone", false),
            new Endpoint("POST", "/api/v1/me/phone/confirm", false),
            new Endpoint("POST", "/api/v1/me/email", false),
            new Endpoint("POST", "/api/v1/me/email/confirm", false),
            new Endpoint("POST", "/api/v1/me/two-step/remove-method", false),
            new Endpoint("POST", "/api/v1/me/password", false),
            new Endpoint("POST", "/api/v1/me/reauthenticate", false),
            new Endpoint("POST", "/api/v1/me/totp", false),
            new Endpoint("POST", "/api/v1/me/totp/confirm", false),
            new Endpoint("GET", "/api/v1/me/backup-codes", false),
            new Endpoint("POST", "/api/v1/me/backup-codes", false),
            new Endpoint("POST", "/api/v1/me/backup-codes/reveal", false),
            new Endpoint("POST", "/api/v1/me/two-step/disable", false),
            new Endpoint("GET", "/api/v1/me/activity", false),
            new Endpoint("POST", "/api/v1/recovery", false),
            new Endpoint("GET", "/api/v1/recovery/{id}", false),
            new Endpoint("POST", "/api/v1/recovery/{id}/send-code", false),
            new Endpoint("POST", "/api/v1/recovery/{id}/verify", false),
            new Endpoint("POST", "/api/v1/recovery/{id}/complete", false),
            new Endpoint("POST", "/api/v1/recovery/cancel", false),
            new Endpoint("GET", "/api/v1/{id}", false),
            new Endpoint("POST", "/login", true),
            new Endpoint("POST", "/login/challenge", true),
            new Endpoint("POST", "/login/methods", true),
            new Endpoint("POST", "/login/send-code", true),
            new Endpoint("POST", "/logout", true),
            new Endpoint("POST", "/signup", true),
            new Endpoint("POST", "/recovery", true),
            new Endpoint("POST", "/recovery/send", true),
            new Endpoint("POST", "/recovery/verify", true),
            new Endpoint("POST", "/recovery/complete", true),
            new Endpoint("POST", "/recovery/codes", true),
            new Endpoint("POST", "/recovery/password", true),
            new Endpoint("POST", "/security/not-me", true),
            new Endpoint("POST", "/settings/account-center/security/time-zone", true),
            new Endpoint("POST", "/support/request", true),
            new Endpoint("POST", "/support/continue", true),
            new Endpoint("POST", "/settings/reauth", true),
            new Endpoint("POST", "/settings/account-center/security/two-factor/{id}/totp", true),
            new Endpoint("POST", "/settings/account-center/security/two-factor/{id}/totp/confirm", true),
            new Endpoint("POST", "/settings/account-center/security/two-factor/{id}/disable", true),
            new Endpoint("POST", "/settings/account-center/security/two-factor/{id}/backup-codes/new", true),
            new Endpoint("POST", "/settings/account-center/security/two-factor/{id}/backup-codes/show", true),
            new Endpoint("POST", "/settings/account-center/security/two-factor/{id}/phone", true),
            new Endpoint("POST", "/settings/account-center/security/two-factor/{id}/phone/confirm", true),
            new Endpoint("POST", "/settings/account-center/security/two-factor/{id}/email", true),
            new Endpoint("POST", "/settings/account-center/security/two-factor/{id}/remove-method", true),
            new Endpoint("GET", "/settings/account-center/security/two-factor/{id}", true),
            new Endpoint("GET", "/recovery/waiting", true),
            new Endpoint("GET", "/login/challenge", true));

    static final List<String> FIELDS = List.of("username", "password", "code", "method", "channel", "phoneNumber", "email",
            "newPassword", "currentPassword", "token", "recoveryId", "then", "add", "lang", "reason", "contact");

    static Cluster cluster;
    static ApiClient api;
    static PageClient anonymous;
    static PageClient signedIn;
    static String token;
    static String accountId;
    static String flowId;
    static final Map<Integer, Integer> STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();
    static final AtomicInteger SENT = new AtomicInteger();
    static long startNanos;

    @BeforeContainer
    static void cluster() throws Exception {
        cluster = Cluster.get();
        api = new ApiClient(cluster.a.base);
        Accounts.Account user = Accounts.create(api, "malformed");
        token = user.token;
        accountId = api.get("/api/v1/me", token, null).text("accountId");
        Accounts.Account other = Accounts.create(api, "malformed-2fa");
        Accounts.enableTotp(api, other);
        flowId = Accounts.startLogin(api, other, Accounts.freshAddress());
        anonymous = new PageClient(cluster.a.base, null);
        anonymous.get(cluster.a.base, "/login");
        signedIn = new PageClient(cluster.a.base, null);
        signedIn.get(cluster.a.base, "/login");
        signedIn.post(cluster.a.base, "/login", Map.of("username", user.username, "password", user.password));
        signedIn.get(cluster.a.base, "/settings/account-center/security/two-factor/" + accountId);
        startNanos = System.nanoTime();
    }

    @AfterContainer
    static void healthyAfterwards() throws Exception {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        boolean healthy = cluster.a.healthy();
        Report.section("Bad input at scale (jqwik, node A)",
                "malformed requests sent: " + SENT.get() + " in " + ms + " ms; status histogram: " + STATUSES,
                "5xx: " + STATUSES.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum()
                        + "; health afterwards: " + (healthy ? "UP" : "NOT UP"));
        assertThat(healthy).as("node A healthy after the malformed requests").isTrue();
        assertThat(SENT.get()).as("requests sent").isGreaterThanOrEqualTo(TRIES);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void requestWhenMalformedThenNoServerErrorAndNoStackTrace(@ForAll("attempts") Attempt attempt) throws Exception {
        HttpRequest request = build(attempt);
        ApiClient.Reply response;
        if (attempt.endpoint().page()) {
            PageClient browser = attempt.signedIn() ? signedIn : anonymous;
            var r = browser.exchange(request);
            response = new ApiClient.Reply(r.statusCode(), "", r.body(), r.headers());
        } else {
            response = ApiClient.send(request);
        }
        SENT.incrementAndGet();
        STATUSES.merge(response.status(), 1, Integer::sum);
        assertThat(response.status()).as(attempt + " → " + abbreviate(response.body())).isLessThan(500);
        assertThat(response.body()).as(attempt.toString()).doesNotContain("Exception", "at dev.", "at org.");
    }

    private static HttpRequest build(Attempt attempt) {
        String path = attempt.endpoint().path().replace("{id}", URLEncoder.encode(attempt.pathId(), StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.a.base + path))
                .timeout(Duration.ofSeconds(30));
        String body = attempt.body();
        if (attempt.endpoint().page() && attempt.withCsrf()) {
            PageClient browser = attempt.signedIn() ? signedIn : anonymous;
            String csrf = "_csrf=" + URLEncoder.encode(browser.csrf(), StandardCharsets.UTF_8);
            body = body.isEmpty() ? csrf : body + "&" + csrf;
        }
        HttpRequest.BodyPublisher publisher = body.isEmpty() && attempt.method().equals("GET")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        request.method(attempt.method(), publisher);
        if (attempt.contentType() != null) {
            request.header("Content-Type", attempt.contentType());
        }
        if (attempt.auth() != null) {
            request.header("Authorization", attempt.auth());
        }
        if (attempt.forwardedFor() != null) {
            request.header("X-Forwarded-For", attempt.forwardedFor());
        }
        request.header("Accept", attempt.endpoint().page() ? "text/html" : "application/json");
        return request.build();
    }

    @Provide
    Arbitrary<Attempt> attempts() {
        Arbitrary<Endpoint> endpoint = Arbitraries.of(ENDPOINTS);
        Arbitrary<String> method = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD")));
        Arbitrary<String> pathId = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.create(() -> UUID.randomUUID().toString())),
                net.jqwik.api.Tuple.of(2, Arbitraries.create(() -> flowId)),
                net.jqwik.api.Tuple.of(2, Arbitraries.create(() -> accountId)),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().ofMaxLength(60)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("..", "%", "0", "-1", "null", "00000000-0000-0000-0000-00000000000g",
                        "x".repeat(5000))));
        Arbitrary<String> contentType = Arbitraries.of("application/json", "application/json", "application/json",
                "application/x-www-form-urlencoded", "application/x-www-form-urlencoded", "text/plain", "application/xml",
                "multipart/form-data", "multipart/form-data; boundary=xyz", "application/json; charset=klingon",
                "application/problem+json", "*/*", "garbage", "").injectNull(0.1);
        Arbitrary<String> auth = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just((String) null)),
                net.jqwik.api.Tuple.of(3, Arbitraries.create(() -> "Bearer " + token)),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200)
                        .map(s -> "Bearer " + s)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("Bearer", "Basic dXNlcjpwYXNz", "bearer " + "A".repeat(6000),
                        "Bearer " + UUID.randomUUID(), "Token x")));
        Arbitrary<String> forwardedFor = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.create(Accounts::freshAddress)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("not-an-address", "1.2.3.4, 5.6.7.8", "::1", "2001:db8::1",
                        "999.999.999.999", "unknown", "", "10.0.0.1," + "9".repeat(300))));
        return Combinators.combine(endpoint, method, pathId, contentType, body(), auth, forwardedFor,
                        Arbitraries.integers().between(0, 3))
                .as((e, m, id, type, body, a, xff, flags) -> new Attempt(e, m.isEmpty() ? e.method() : m, id,
                        type, body, a, xff, (flags & 1) == 1, (flags & 2) == 2));
    }

    /** JSON with wrong and right fields, broken JSON, forms, huge, unicode and deeply nested bodies. */
    static Arbitrary<String> body() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(4).ofMaxLength(10),
                Arbitraries.of("", " ", "\u0000", "日本語のパスワード", "😀😀😀", "\uD800", "+819012345678", "a@b", "totp",
                        "backup_code", "sms", "email", "password", "x".repeat(2000), "y".repeat(100_000)));
        Arbitrary<String> value = Arbitraries.oneOf(
                text.map(MalformedRequestProperties::quote),
                Arbitraries.of("null", "true", "false", "0", "-1", "1e999", "12345678901234567890123", "[]", "{}", "[1,2]",
                        "{\"a\":{\"b\":[]}}", "NaN"));
        Arbitrary<String> field = Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> object = Combinators.combine(field, value).as((k, v) -> quote(k) + ":" + v)
                .list().ofMaxSize(6).map(pairs -> "{" + String.join(",", pairs) + "}");
        Arbitrary<String> form = Combinators.combine(field, text).as((k, v) ->
                        URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))
                .list().ofMaxSize(6).map(pairs -> String.join("&", pairs));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, object),
                net.jqwik.api.Tuple.of(3, form),
                net.jqwik.api.Tuple.of(2, object.map(o -> o.substring(0, Math.max(0, o.length() / 2)))),
                net.jqwik.api.Tuple.of(2, text),
                net.jqwik.api.Tuple.of(1, value.list().ofMaxSize(4).map(v -> "[" + String.join(",", v) + "]")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", "{", "}", "{\"username\":", "{\"username\":\"a\",}", "'x'",
                        "{\"code\":\"12345678\"}{\"code\":1}", "[".repeat(5000) + "]".repeat(5000),
                        "{\"a\":".repeat(3000) + "1" + "}".repeat(3000), "\uFEFF{\"username\":\"x\"}")));
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 32) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 120 ? s.substring(0, 120) + "…(" + s.length() + ")" : s;
    }
}
