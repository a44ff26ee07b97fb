package dev.aikagi.bench.load;

import dev.aikagi.core.factor.totp.ConfirmationCodes;
import dev.aikagi.core.factor.totp.TotpParameters;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates bench accounts through the public JSON API, as an app would: sign up, log in, start TOTP,
 * confirm it with a code computed here (which also yields the first backup codes). Costs two Argon2
 * hashes per account on the server.
 */
final class ApiSeeder {

    private static final Pattern CODES = Pattern.compile("\"codes\"\\s*:\\s*\\[([^\\]]*)]");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final URI base;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final SecureRandom random = new SecureRandom();

    ApiSeeder(URI base) {
        this.base = base;
    }

    List<BenchUser> seed(String prefix, int count, int threads) throws Exception {
        List<BenchUser> users = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<BenchUser>> futures = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String username = prefix + String.format("%06d", i);
                futures.add(pool.submit(() -> create(username)));
            }
            for (Future<BenchUser> f : futures) {
                users.add(f.get());
            }
        }
        return users;
    }

    BenchUser create(String username) throws IOException, InterruptedException {
        String password = "Kumo-" + randomText(14);
        String credentials = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        expect(post("/api/v1/accounts", credentials, null), 201, "sign-up " + username);
        String login = expect(post("/api/v1/login", credentials, null), 200, "API login " + username);
        String token = field(login, "sessionToken");
        String started = expect(post("/api/v1/me/totp", "{}", token), 200, "start TOTP " + username);
        String secret = field(started, "secret");
        byte[] key = dev.aikagi.core.factor.totp.Base32.decode(secret).orElseThrow();
        // A code still inside the server's window when the request lands, even when it crosses a 30 s boundary
        // on a busy machine; the previous step's while there is time, so the first measured login need not wait.
        ConfirmationCodes.Confirmed<String> confirmation;
        try {
            confirmation = ConfirmationCodes.confirm(key, clock, TotpParameters.DEFAULT, choice -> {
                HttpResponse<String> answer = post("/api/v1/me/totp/confirm", "{\"code\":\"" + choice.code() + "\"}", token);
                if (answer.statusCode() != 200 && answer.body().contains("\"code_invalid\"")) {
                    return Optional.empty();
                }
                return Optional.of(expect(answer, 200, "confirm TOTP " + username));
            });
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("confirm TOTP " + username, e);
        }
        String confirmed = confirmation.answer();
        long step = confirmation.step();
        List<String> codes = new ArrayList<>();
        Matcher list = CODES.matcher(confirmed);
        if (!list.find()) {
            throw new IllegalStateException("no backup codes for " + username + ": " + confirmed);
        }
        Matcher each = STRING.matcher(list.group(1));
        while (each.find()) {
            codes.add(each.group(1));
        }
        // Log the API session out so the seeding sessions do not pile up in the sessions table.
        post("/api/v1/logout", "{}", token);
        return new BenchUser(username, password, secret, codes, step, null);
    }

    /**
     * Sends, and on 503 (the server's hash workers busy, {@code service_busy}, or the database briefly away) waits
     * the {@code Retry-After} it asks for and sends again, as a well-behaved client does: up to 10 times.
     */
    private HttpResponse<String> post(String path, String json, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path, json, token);
        for (int retries = 0; response.statusCode() == 503 && retries < 10; retries++) {
            long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
            Thread.sleep(Math.min(5, Math.max(1, seconds)) * 1000);
            response = send(path, json, token);
        }
        return response;
    }

    private HttpResponse<String> send(String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private String randomText(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
