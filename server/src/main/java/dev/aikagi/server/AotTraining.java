package dev.aikagi.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The build's training run for the JDK's AOT cache (issue 15; {@code server/pom.xml}, profile {@code aot-cache}),
 * not a command for operators: starts Aikagi as {@link AikagiApplication} does, on the empty data folder and free
 * port the build gives it, then serves what a start-up and the first logins serve - the probes, the sign-up and
 * login pages, a few sign-ups and logins through the JSON API and the login form (each with its Argon2id hash) -
 * and exits. The JVM then writes every class those loaded and linked, with their profiles, to the cache, so that a
 * server started with it has the request path ready too, not only the context. Requests answer as they answer
 * (a status other than the expected one is printed, never fatal: training is best effort, the tests check the
 * behaviour).
 */
public final class AotTraining {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]*)\"");
    private static final Pattern TOKEN = Pattern.compile("\"sessionToken\"\\s*:\\s*\"([^\"]*)\"");
    private static final int ROUNDS = 3;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    private AotTraining(URI base) {
        this.base = base;
    }

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(AikagiApplication.class, args);
        int code = 0;
        try {
            URI base = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
            AotTraining training = new AotTraining(base);
            for (int round = 1; round <= ROUNDS; round++) {
                training.round("training" + round, "Kumo-training-" + round + "-Sora");
            }
        } catch (IOException e) {
            System.err.println("AOT training: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 1;
        } finally {
            code = Math.max(code, SpringApplication.exit(context));
        }
        System.exit(code);
    }

    private void round(String username, String password) throws IOException, InterruptedException {
        get("/readyz", new LinkedHashMap<>(), 200);
        get("/livez", new LinkedHashMap<>(), 200);
        get("/signup", new LinkedHashMap<>(), 200);
        String credentials = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        send(json("/api/v1/accounts", credentials, null), 201);
        Optional<String> token = find(TOKEN, send(json("/api/v1/login", credentials, null), 200).body());
        if (token.isPresent()) {
            send(authorized(HttpRequest.newBuilder(base.resolve("/api/v1/me")).GET(), token.get()), 200);
            send(json("/api/v1/logout", "{}", token.get()), 204);
        }
        // The login form, as a browser sends it: its cookies, its CSRF token, then the page it is sent on to.
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpResponse<String> page = get("/login", cookies, 200);
        Optional<String> csrf = find(CSRF, page.body());
        if (csrf.isPresent()) {
            String form = Map.of("username", username, "password", password, "_csrf", csrf.get()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpResponse<String> posted = send(withCookies(HttpRequest.newBuilder(base.resolve("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)), cookies), 302);
            keep(posted, cookies);
            Optional<String> next = posted.headers().firstValue("Location");
            if (next.isPresent()) {
                get(base.resolve(next.get()).getPath(), cookies, 200);
            }
        }
    }

    private HttpResponse<String> get(String path, Map<String, String> cookies, Integer expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(withCookies(HttpRequest.newBuilder(base.resolve(path)).GET(), cookies),
                expected);
        keep(response, cookies);
        return response;
    }

    private HttpRequest.Builder json(String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return token == null ? request : authorized(request, token);
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private static HttpRequest.Builder withCookies(HttpRequest.Builder request, Map<String, String> cookies) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return request;
    }

    private static void keep(HttpResponse<String> response, Map<String, String> cookies) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Integer expected)
            throws IOException, InterruptedException {
        HttpRequest built = request.build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        if (expected != null && response.statusCode() != expected) {
            System.err.println("AOT training: " + built.method() + " " + built.uri().getPath() + " answered "
                    + response.statusCode() + ", not " + expected);
        }
        return response;
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
