package dev.aikagi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.server.properties.InvalidConfigurationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;

class ProductionConfigurationTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A complete production configuration but for the database: webhook delivery, keys, https address. */
    private static final String[] PRODUCTION = {"--spring.profiles.active=production",
            "--management.server.port=0",
            "--AIKAGI_PUBLIC_URL=https://id.example.test",
            "--aikagi.keys.pepper.k1=" + KEY, "--aikagi.keys.encryption.k1=" + KEY,
            "--aikagi.delivery.sms=webhook", "--aikagi.delivery.email=webhook",
            "--aikagi.delivery.webhook.url=https://hooks.example.test/aikagi",
            "--aikagi.delivery.webhook.secret=" + "s".repeat(40)};

    @TempDir
    Path dataDir;

    @Test
    void startWhenProductionWithoutKeysThenStopsNamingTheProperty() {
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.mode=production"),
                "aikagi.keys: production mode needs");
        assertThat(dataDir.resolve("keys.properties")).doesNotExist();
    }

    @Test
    void startWhenKeyHasWrongLengthThenStopsNamingTheKey() {
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.mode=production",
                        "--aikagi.keys.pepper.k1=" + Base64.getEncoder().encodeToString(new byte[12]),
                        "--aikagi.keys.encryption.k1=" + KEY),
                "aikagi.keys.pepper.k1: must be 32 bytes, is 12 bytes");
    }

    @Test
    void startWhenKeyIsNotBase64ThenStopsNamingTheKey() {
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.mode=production",
                        "--aikagi.keys.pepper.k1=" + KEY, "--aikagi.keys.encryption.k1=not*base64"),
                "aikagi.keys.encryption.k1: is not Base64");
    }

    @Test
    void startWhenCurrentKeyIdUnknownThenStops() {
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.mode=production",
                        "--aikagi.keys.pepper.k1=" + KEY, "--aikagi.keys.pepper-current=k9",
                        "--aikagi.keys.encryption.k1=" + KEY),
                "current key id 'k9' is not among the keys");
    }

    @Test
    void startWhenBackupSetSizeOutOfRangeThenStops() {
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.backup-codes.set-size=3"),
                "aikagi.backup-codes.set-size: backup code set size must be 4-16, was 3");
    }

    @Test
    void startWhenTimeZoneUnknownThenStops() {
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.time-zone=Mars/Olympus"),
                "aikagi.time-zone: 'Mars/Olympus' is not a time zone id");
    }

    @Test
    void startWhenProductionProfileWithNothingSetThenEveryProblemListedAtOnceOneLineEach() {
        assertStartFails(() -> RunningServer.start(dataDir, "--spring.profiles.active=production"),
                "spring.datasource.url (AIKAGI_DB_URL): production mode needs a PostgreSQL database, and none is set",
                "spring.datasource.username (AIKAGI_DB_USER): production mode needs the database user",
                "spring.datasource.password (AIKAGI_DB_PASSWORD): production mode needs the database user's password",
                "aikagi.public-url (AIKAGI_PUBLIC_URL): production mode needs the https:// address",
                "aikagi.keys: production mode needs",
                "aikagi.delivery.sms: outbox is for development only",
                "aikagi.delivery.email: outbox is for development only");
    }

    @Test
    void startWhenProductionOnH2ThenRefusedWithoutPrintingTheUrl() {
        assertStartFails(() -> RunningServer.start(dataDir, productionArgs(
                        "--AIKAGI_DB_URL=jdbc:h2:mem:prod;PASSWORD=hunter2", "--AIKAGI_DB_USER=aikagi",
                        "--AIKAGI_DB_PASSWORD=x", "--AIKAGI_PUBLIC_URL=https://id.example.test")),
                "spring.datasource.url (AIKAGI_DB_URL): production mode needs PostgreSQL (a jdbc:postgresql: URL), is a h2 URL");
        assertThatThrownBy(() -> RunningServer.start(dataDir, productionArgs(
                "--AIKAGI_DB_URL=jdbc:h2:mem:prod;PASSWORD=hunter2", "--AIKAGI_DB_USER=aikagi",
                "--AIKAGI_DB_PASSWORD=x", "--AIKAGI_PUBLIC_URL=https://id.example.test")))
                .satisfies(e -> assertThat(configurationError(e).getMessage()).doesNotContain("hunter2").hasLineCount(1));
    }

    @Test
    void startWhenProductionWithPlainHttpPublicUrlThenRefused() {
        assertStartFails(() -> RunningServer.start(dataDir, productionArgs("--AIKAGI_DB_URL=jdbc:postgresql://db/aikagi",
                        "--AIKAGI_DB_USER=aikagi", "--AIKAGI_DB_PASSWORD=x", "--AIKAGI_PUBLIC_URL=http://id.example.test")),
                "aikagi.public-url (AIKAGI_PUBLIC_URL): production mode needs the https:// address people reach Aikagi"
                        + " at, is 'http://id.example.test'");
    }

    @Test
    void startWhenProductionProfileOnPostgresThenUpWithProbesPublicAndMetricsOnTheManagementPortOnly(
            @TempDir Path postgresDir) throws Exception {
        try (TestPostgres postgres = TestPostgres.start(postgresDir);
             RunningServer server = RunningServer.start(dataDir, productionArgs(postgres.productionArgs()))) {
            assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
            assertThat(server.get("/livez").statusCode()).isEqualTo(200);
            assertThat(server.get("/actuator/prometheus").statusCode()).isEqualTo(404);
            assertThat(server.get("/actuator/health").statusCode()).isEqualTo(404);
            assertThat(dataDir.resolve("keys.properties")).doesNotExist();

            int managementPort = Integer.parseInt(server.bean(Environment.class).getRequiredProperty("local.management.port"));
            assertThat(managementPort).isNotEqualTo(server.port());
            HttpResponse<String> readiness = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("\"db\"");
            HttpResponse<String> liveness = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/liveness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(liveness.body()).contains("\"status\":\"UP\"").doesNotContain("\"db\"");
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("hikaricp_connections");
        }
    }

    @Test
    void requestWhenProxySaysHttpsThenHstsAndSecureHostCookies(@TempDir Path postgresDir) throws Exception {
        try (TestPostgres postgres = TestPostgres.start(postgresDir);
             RunningServer server = RunningServer.start(dataDir, productionArgs(postgres.productionArgs()))) {
            URI login = URI.create("http://127.0.0.1:" + server.port() + "/login");
            HttpResponse<String> viaProxy = HTTP.send(HttpRequest.newBuilder(login)
                    .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.7").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(viaProxy.statusCode()).isEqualTo(200);
            assertThat(viaProxy.headers().firstValue("Strict-Transport-Security"))
                    .hasValueSatisfying(v -> assertThat(v).contains("max-age=31536000").contains("includeSubDomains"));
            assertThat(viaProxy.headers().allValues("Set-Cookie")).isNotEmpty()
                    .allSatisfy(c -> assertThat(c).startsWith("__Host-").contains("Secure").contains("HttpOnly"));

            HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(login).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.headers().firstValue("Strict-Transport-Security")).as("only over https").isEmpty();
        }
    }

    /**
     * {@link #PRODUCTION} with {@code more} added or replacing settings of the same name (a name given twice would become a comma-separated list).
     */
    private static String[] productionArgs(String... more) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : Stream.concat(Stream.of(PRODUCTION), Stream.of(more)).toList()) {
            args.put(arg.substring(0, arg.indexOf('=')), arg);
        }
        return args.values().toArray(String[]::new);
    }

    @Test
    void startWhenProductionWithTheDevelopmentOutboxThenRefusedWithOneLinePerChannel() {
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.mode=production",
                        "--aikagi.keys.pepper.k1=" + KEY, "--aikagi.keys.encryption.k1=" + KEY),
                "aikagi.delivery.sms: outbox is for development only");
        assertStartFails(() -> RunningServer.start(dataDir, "--aikagi.mode=production",
                        "--aikagi.keys.pepper.k1=" + KEY, "--aikagi.keys.encryption.k1=" + KEY,
                        "--aikagi.delivery.sms=webhook", "--aikagi.delivery.webhook.url=https://hooks.example.test/a",
                        "--aikagi.delivery.webhook.secret=" + "s".repeat(40)),
                "aikagi.delivery.email: outbox is for development only");
    }

    private static void assertStartFails(ThrowableAssert.ThrowingCallable start, String... lines) {
        assertThatThrownBy(start).satisfies(e -> {
            String message = configurationError(e).getMessage();
            for (String line : lines) {
                assertThat(message).contains(line);
            }
        });
    }

    private static Throwable configurationError(Throwable e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof InvalidConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("an InvalidConfigurationException in the cause chain of %s", e).isNotNull();
        return cause;
    }
}
