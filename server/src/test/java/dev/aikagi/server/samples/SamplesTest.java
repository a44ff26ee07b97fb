package dev.aikagi.server.samples;

import static dev.aikagi.server.testing.PageJourneys.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.server.RunningServer;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.testkit.Authenticator;
import dev.aikagi.testkit.Chromium;
import dev.aikagi.testkit.Html;
import dev.aikagi.testkit.PageClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's samples against a running Aikagi, as an integrator runs them: {@code samples/node} (Express with
 * panva's openid-client, after {@code npm ci}) and {@code samples/python} (Flask with Debian's Authlib, on
 * /usr/bin/python3). Each logs in through password + authenticator code and through password + backup code; a
 * headless browser ({@link PageClient}) plays the person on Aikagi's pages. Skipped locally without node or
 * Python's packages, failed in CI ({@code CI=true}), like the browser tests.
 */
class SamplesTest {

    static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();
    static final String SECRET = "sample-secret-0123456789abcdefghij";
    static final Duration START = Duration.ofSeconds(90);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static int nodePort;
    static int pythonPort;

    @BeforeAll
    static void start() throws IOException {
        nodePort = freePort();
        pythonPort = freePort();
        server = RunningServer.start(dataDir, "--server.forward-headers-strategy=native",
                "--aikagi.oidc.clients.node-sample.secret=" + SECRET,
                "--aikagi.oidc.clients.node-sample.redirect-uris=http://127.0.0.1:" + nodePort + "/callback",
                "--aikagi.oidc.clients.node-sample.name=Node sample",
                "--aikagi.oidc.clients.python-sample.secret=" + SECRET,
                "--aikagi.oidc.clients.python-sample.redirect-uris=http://127.0.0.1:" + pythonPort + "/callback",
                "--aikagi.oidc.clients.python-sample.name=Python sample");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void nodeSampleWhenLoggingInWithAuthenticatorCodeOrBackupCodeThenSignedInAtAal2() throws Exception {
        requireCommand("node", "--version");
        requireCommand("npm", "--version");
        Path app = SAMPLES.resolve("node");
        if (!Files.isDirectory(app.resolve("node_modules").resolve("openid-client"))) {
            run(app, Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund");
        }
        try (Sample sample = Sample.start(app, nodePort, "node-sample", "listening", "node", "app.js")) {
            logInBothWays(sample, "sample-node");
        }
    }

    @Test
    void pythonSampleWhenLoggingInWithAuthenticatorCodeOrBackupCodeThenSignedInAtAal2() throws Exception {
        requireCommand("/usr/bin/python3", "-c", "import authlib, flask, requests");
        try (Sample sample = Sample.start(SAMPLES.resolve("python"), pythonPort, "python-sample", "Running on",
                "/usr/bin/python3", "app.py")) {
            logInBothWays(sample, "sample-python");
        }
    }

    private static void logInBothWays(Sample sample, String username) throws Exception {
        Person person = twoStepPerson(username);

        JsonNode withCode = sample.logIn(username, person.totpAt(Instant.now().plusSeconds(30)), false);
        assertThat(withCode.get("preferred_username").asString()).isEqualTo(username);
        assertThat(withCode.get("acr").asString()).isEqualTo("aal2");
        assertThat(amr(withCode)).contains("pwd", "otp", "mfa");

        JsonNode withBackup = sample.logIn(username, person.backupCodes().getFirst(), true);
        assertThat(withBackup.get("acr").asString()).isEqualTo("aal2");
        assertThat(amr(withBackup)).contains("pwd", "backup_code", "mfa");
        assertThat(withBackup.get("sub").asString()).isEqualTo(withCode.get("sub").asString());
    }

    private static List<String> amr(JsonNode claims) {
        List<String> amr = new ArrayList<>();
        claims.get("amr").forEach(v -> amr.add(v.asString()));
        return amr;
    }

    /** A sample app running in its own process, and a cookie-keeping client for it. */
    record Sample(Process process, int port, List<String> output, HttpClient http) implements AutoCloseable {

        static Sample start(Path dir, int port, String clientId, String ready, String... command) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(Map.of("AIKAGI_ISSUER", "http://127.0.0.1:" + server.port(),
                    "CLIENT_ID", clientId, "CLIENT_SECRET", SECRET, "PORT", Integer.toString(port),
                    "BASE_URL", "http://127.0.0.1:" + port, "SESSION_SECRET", "test-session-secret-0123456789"));
            Process process = builder.start();
            List<String> output = Collections.synchronizedList(new ArrayList<>());
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        output.add(line);
                        lines.add(line);
                    }
                } catch (IOException e) {
                    output.add("(output ended: " + e + ")");
                }
                lines.add("\u0000exit");
            });
            reader.setDaemon(true);
            reader.start();
            Instant deadline = Instant.now().plus(START);
            while (true) {
                String line = lines.poll(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
                if (line == null || line.startsWith("\u0000")) {
                    process.destroyForcibly();
                    throw new AssertionError("the sample did not start: " + String.join("\n", output));
                }
                if (line.contains(ready)) {
                    break;
                }
            }
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();
            return new Sample(process, port, output, http);
        }

        HttpResponse<String> get(String pathOrUrl) throws Exception {
            URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create("http://127.0.0.1:" + port + pathOrUrl);
            return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The app's login, the person on Aikagi's pages, back to the app; returns the app's {@code /me}. */
        JsonNode logIn(String username, String secondStep, boolean backupCode) throws Exception {
            HttpResponse<String> login = get("/login");
            assertThat(login.statusCode()).as(describe(login)).isEqualTo(302);
            URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
            assertThat(authorize.getPath()).isEqualTo("/oauth2/authorize");
            assertThat(authorize.getQuery()).contains("code_challenge_method=S256").contains("nonce=");

            URI callback = loginThroughPages(PageJourneys.browser(server), authorize.getRawPath() + "?" + authorize.getRawQuery(),
                    username, secondStep, backupCode);
            assertThat(callback.toString()).startsWith("http://127.0.0.1:" + port + "/callback?");

            HttpResponse<String> back = get(callback.toString());
            assertThat(back.statusCode()).as(describe(back)).isEqualTo(302);
            HttpResponse<String> me = get("/me");
            assertThat(me.statusCode()).as(describe(me)).isEqualTo(200);
            assertThat(get("/").body()).contains("Signed in as");
            return JSON.readTree(me.body());
        }

        private String describe(HttpResponse<String> response) {
            return response.statusCode() + " " + response.body() + "\n--- sample output:\n" + String.join("\n", output);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Aikagi's login pages from the authorization request to the redirect back to the application. */
    static URI loginThroughPages(PageClient browser, String authorizePath, String username, String secondStep,
                                 boolean backupCode) {
        PageClient.Page first = browser.get(authorizePath);
        assertThat(first.status()).as(first.body()).isEqualTo(302);
        assertThat(first.location()).endsWith("/login");
        browser.get("/login");
        PageClient.Page password = browser.post("/login", "username", username, "password", PASSWORD);
        assertThat(password.location()).isEqualTo("/login/challenge");
        browser.follow(password);
        if (backupCode) {
            PageJourneys.chooseBackupCode(browser);
        }
        PageClient.Page end = browser.post("/login/challenge", "code", secondStep);
        assertThat(end.status()).as(end.body()).isEqualTo(302);
        if (end.location().equals("/login/backup-codes-left")) {
            browser.get("/login/backup-codes-left");
        }
        PageClient.Page cont = browser.get("/login/continue");
        assertThat(cont.status()).isEqualTo(200);
        String back = Html.unescape(cont.attribute("continue-to-application", "href"));
        PageClient.Page answer = browser.get(back);
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        if (answer.location().contains("/oauth2/consent?")) {
            // The samples are third-party applications: the person allows them (here: the profile scope).
            PageClient.Page consent = browser.follow(answer);
            assertThat(consent.status()).isEqualTo(200);
            String form = Html.element(consent.body(), "consent-form").orElseThrow();
            String input = form.replaceAll("(?s).*?(<input type=\"hidden\" name=\"state\"[^>]*>).*", "$1");
            String clientId = URI.create(answer.location()).getQuery().replaceAll(".*client_id=([^&]+).*", "$1");
            answer = browser.postRaw("/oauth2/authorize", Map.of("client_id", clientId,
                    "state", Html.unescape(Html.attribute(input, "value").orElseThrow()), "scope", "profile"));
            assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        }
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    record Person(String username, String totpSecret, List<String> backupCodes) {
        String totpAt(Instant instant) {
            return Authenticator.codeAt(totpSecret, instant);
        }
    }

    /** Signs up and turns on the authenticator app; returns the secret and the backup codes. */
    static Person twoStepPerson(String username) {
        PageClient browser = PageJourneys.browser(server);
        PageJourneys.signUp(browser, username);
        String methods = PageJourneys.methodsPath(browser);
        browser.get(methods);
        PageClient.Page setup = browser.post(methods + "/totp");
        String secret = setup.text("totp-secret");
        PageClient.Page shown = browser.post(methods + "/totp/confirm", "code", Authenticator.codeAt(secret, Instant.now()));
        List<String> codes = PageJourneys.codes(shown);
        browser.post(methods + "/backup-codes/saved", "saved", "yes");
        return new Person(username, secret, codes);
    }

    /** Skips locally, fails in CI, when {@code command} cannot run. */
    static void requireCommand(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() == 0) {
                return;
            }
            Chromium.requirement("the samples' test needs '" + String.join(" ", command) + "' to work: " + output.strip()
                    + " (apt-get install nodejs npm python3-authlib python3-flask python3-requests)");
        } catch (IOException e) {
            Chromium.requirement("the samples' test needs " + command[0]
                    + " (apt-get install nodejs npm python3-authlib python3-flask python3-requests)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void run(Path dir, Duration limit, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean done = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(done && process.exitValue() == 0).as(String.join(" ", command) + ":\n"
                + new String(output, StandardCharsets.UTF_8)).isTrue();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
