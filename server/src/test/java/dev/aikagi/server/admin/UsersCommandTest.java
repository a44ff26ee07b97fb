package dev.aikagi.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.CoreAssembly;
import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.factor.totp.Base32;
import dev.aikagi.core.factor.totp.Totp;
import dev.aikagi.core.factor.totp.TotpParameters;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.role.Role;
import dev.aikagi.core.session.Session;
import dev.aikagi.server.RunningServer;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code --aikagi.command=users …} (issue 18): each subcommand, its output and its exit code, on the core in memory. */
class UsersCommandTest {

    private static final String PASSWORD = "雪の日のゆきだるま";
    private static final ClientAddress FROM = new ClientAddress("192.0.2.10");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestWorld world = new TestWorld("2026-12-07T06:00:00Z", 21);
    private final CoreAssembly core = world.core;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        UsersCommand command = new UsersCommand(new UsersCommand.Services(core.userDirectory(), core.accountDisabling(),
                core.adminTwoStep(), core.twoStepResets(), core.adminSessions(), core.roles(), core.userTransfer(),
                core.accountErasure(), core.invitations()),
                new PrintWriter(out), new PrintWriter(err), new BufferedReader(new StringReader(stdin)));
        return command.execute(args);
    }

    private JsonNode json() {
        return JSON.readTree(out.toString());
    }

    private AccountId created(String username) {
        assertThat(run(PASSWORD + "\n", "create", username, "--email", username + "@example.jp", "--json"))
                .as(err.toString()).isZero();
        return AccountId.parse(json().path("id").asString());
    }

    @Test
    void helpWhenAskedThenListsSubcommandsAndExitsZero() {
        assertThat(run("", "--help")).isZero();
        assertThat(out.toString()).contains("create", "disable", "reset-two-step", "end-sessions", "grant-role",
                "Exit codes: 0 done, 1 refused or not found, 2 usage.");
    }

    @Test
    void runWhenUsageWrongThenExitTwo() {
        assertThat(run("")).isEqualTo(2);
        assertThat(run("", "frobnicate")).isEqualTo(2);
        assertThat(run("", "show")).isEqualTo(2);
        assertThat(run("", "reset-two-step", "hanako", "--method", "fingers")).isEqualTo(2);
        assertThat(run("", "grant-role", "hanako", "king")).isEqualTo(2);
    }

    @Test
    void createWhenPasswordOnStdinThenShowAndSearchFindIt() {
        AccountId id = created("hanako");

        assertThat(run("", "show", "Hanako")).isZero();
        assertThat(out.toString()).contains("hanako", id.toString(), "hanako@example.jp");
        assertThat(run("", "search", "hanako@example.jp", "--json")).isZero();
        assertThat(json().path("users").get(0).path("id").asString()).isEqualTo(id.toString());
        assertThat(run(PASSWORD + "\n", "create", "hanako")).isEqualTo(1);
        assertThat(err.toString()).contains("username_taken");
        assertThat(run("short\n", "create", "taro")).isEqualTo(1);
        assertThat(err.toString()).contains("password_rejected");
    }

    @Test
    void showWhenUnknownThenExitOneUserNotFound() {
        assertThat(run("", "show", "nobody")).isEqualTo(1);
        assertThat(err.toString()).contains("user_not_found");
        assertThat(run("", "disable", "nobody", "--json")).isEqualTo(1);
        assertThat(json().path("error").asString()).isEqualTo("user_not_found");
    }

    @Test
    void disableWhenRunThenLoginRefusedAfterTheRightPasswordAndEnableRestoresIt() {
        AccountId id = created("hanako");
        LoginResult.Authenticated done = (LoginResult.Authenticated) core.login().submitPassword("hanako", PASSWORD, FROM);
        core.sessions().open(done.flow(), Session.Kind.API);

        assertThat(run("", "disable", "hanako")).isZero();

        assertThat(out.toString()).contains("hanako disabled");
        assertThat(core.sessions().active(id)).isEmpty();
        assertThat(((LoginResult.Failed) core.login().submitPassword("hanako", PASSWORD, FROM)).failure())
                .isEqualTo(LoginFailure.ACCOUNT_DISABLED);
        assertThat(run("", "disable", id.toString(), "--json")).isZero();
        assertThat(json().path("changed").asBoolean()).isFalse();
        assertThat(run("", "enable", "hanako")).isZero();
        assertThat(core.login().submitPassword("hanako", PASSWORD, FROM)).isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void deleteWhenYesThenErasedAndLoginRefusedElseUsageError() {
        AccountId id = created("hanako");

        assertThat(run("", "delete", "hanako")).as("no --yes").isEqualTo(2);
        assertThat(core.userDirectory().find(id)).isPresent();
        assertThat(run("", "delete", "hanako", "--yes", "--json")).isZero();
        assertThat(json().path("deleted").asBoolean()).isTrue();

        assertThat(core.userDirectory().find(id)).isEmpty();
        assertThat(((LoginResult.Failed) core.login().submitPassword("hanako", PASSWORD, FROM)).failure())
                .isEqualTo(LoginFailure.INVALID_CREDENTIALS);
        assertThat(run("", "delete", "hanako", "--yes")).isEqualTo(1);
        assertThat(err.toString()).contains("user_not_found");
    }

    @Test
    void resetTwoStepWhenWaitingThenMethodsStayAndWhenImmediatelyThenGone() {
        AccountId id = created("hanako");
        var enrollment = core.totp().begin(id, "hanako", world.clock.instant());
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        core.totp().confirm(id, Totp.codeAt(key, world.clock.instant(), TotpParameters.DEFAULT), world.clock.instant());
        core.backupCodes().issue(id, world.clock.instant());

        assertThat(run("", "two-step", "hanako", "--json")).isZero();
        assertThat(json().path("backupCodesRemaining").asInt()).isEqualTo(10);
        assertThat(run("", "reset-two-step", "hanako", "--method", "totp", "--json")).isZero();
        assertThat(json().path("state").asString()).isEqualTo("waiting");
        assertThat(core.totp().isEnrolled(id)).isTrue();

        assertThat(run("", "reset-two-step", "hanako", "--immediately")).isZero();

        assertThat(out.toString()).contains("reset done");
        assertThat(core.totp().isEnrolled(id)).isFalse();
        assertThat(core.backupCodes().hasCodes(id)).isFalse();
        assertThat(run("", "reset-two-step", "hanako", "--immediately")).isEqualTo(1);
        assertThat(err.toString()).contains("method_not_found");
    }

    @Test
    void sessionsWhenListedThenEndOneAndAll() {
        AccountId id = created("hanako");
        for (int i = 0; i < 2; i++) {
            LoginResult.Authenticated done = (LoginResult.Authenticated) core.login().submitPassword("hanako", PASSWORD, FROM);
            core.sessions().open(done.flow(), Session.Kind.API);
        }

        assertThat(run("", "sessions", "hanako", "--json")).isZero();
        String first = json().path("sessions").get(0).path("id").asString();
        assertThat(run("", "end-session", "hanako", first)).isZero();
        assertThat(core.sessions().active(id)).hasSize(1);
        assertThat(run("", "end-session", "hanako", first)).isEqualTo(1);
        assertThat(run("", "end-sessions", "hanako", "--json")).isZero();
        assertThat(json().path("ended").asInt()).isEqualTo(1);
    }

    @Test
    void grantRoleWhenRunThenHeldAndRevokeTakesItBack() {
        AccountId id = created("hanako");

        assertThat(run("", "grant-role", "hanako", "admin")).isZero();
        assertThat(core.roles().holds(id, Role.ADMIN)).isTrue();
        assertThat(run("", "revoke-role", "hanako", "admin", "--json")).isZero();
        assertThat(json().path("roles")).isEmpty();
        assertThat(core.roles().holds(id, Role.ADMIN)).isFalse();
    }

    @Test
    void importWhenKeycloakRealmExportThenPbkdf2UserLogsInWithTheOldPasswordAndIsReHashed() throws Exception {
        Path file = dataDir.resolve("realm-export.json");
        try (var in = getClass().getResourceAsStream("/admin/keycloak-realm-export.json")) {
            java.nio.file.Files.write(file, in.readAllBytes());
        }

        // The federated user has no password to bring: listed as skipped, and the exit code says so.
        assertThat(run("", "import", file.toString(), "--json")).isEqualTo(1);

        assertThat(json().path("imported").asInt()).isEqualTo(2);
        assertThat(json().path("skipped").get(0).path("username").asString()).isEqualTo("kc-federated");
        assertThat(json().path("skipped").get(0).path("problem").asString()).isEqualTo("password_hash_unsupported");
        var yamada = world.accounts.findByUsername("kc-yamada").orElseThrow();
        assertThat(yamada.passwordHash().encoded()).startsWith("$pbkdf2-sha256$i=27500$");
        assertThat(world.accounts.findByUsername("kc-suzuki").orElseThrow().isDisabled()).isTrue();
        assertThat(run("", "show", "kc-yamada", "--json")).isZero();
        assertThat(json().path("email").path("address").asString()).isEqualTo("yamada@example.jp");
        assertThat(json().path("phone").path("address").asString()).isEqualTo("+819012340000");
        assertThat(run("", "show", "kc-suzuki", "--json")).isZero();
        assertThat(json().path("email").isNull()).as("an unverified email is not kept").isTrue();

        LoginResult wrong = core.login().submitPassword("kc-yamada", "not-the-old-one", FROM);
        LoginResult right = core.login().submitPassword("kc-yamada", "Keycloak-pass-2024", FROM);

        assertThat(((LoginResult.Failed) wrong).failure()).isEqualTo(LoginFailure.INVALID_CREDENTIALS);
        assertThat(right).isInstanceOf(LoginResult.SecondFactorRequired.class);
        assertThat(world.accounts.findByUsername("kc-yamada").orElseThrow().passwordHash().encoded())
                .startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        // Keycloak's OTP secret is the bytes of its value: the same codes as the person's app shows.
        world.clock.advance(java.time.Duration.ofSeconds(30));
        String code = Totp.codeAt("tZ5zYHQLhbnAn8Hq5kKa".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                world.clock.instant(), TotpParameters.DEFAULT);
        assertThat(core.login().verifySecondFactor(((LoginResult.SecondFactorRequired) right).flow().id(),
                dev.aikagi.core.factor.FactorKind.TOTP, code, FROM)).isInstanceOf(LoginResult.Authenticated.class);
        assertThat(core.login().submitPassword("kc-yamada", "Keycloak-pass-2024", FROM))
                .isInstanceOf(LoginResult.SecondFactorRequired.class);
    }

    @Test
    void importWhenJsonLinesWithBcryptThenLoginReHashesAndExportWritesThemBack() throws Exception {
        String bcrypt = org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2b", "authelia-pass".toCharArray(),
                new byte[16], 4);
        Path file = dataDir.resolve("users.jsonl");
        java.nio.file.Files.writeString(file, String.join("\n",
                "{\"username\":\"bob\",\"email\":\"bob@example.jp\",\"emailVerified\":true,\"phone\":\"+819012349999\","
                        + "\"phoneVerified\":false,\"passwordHash\":\"" + bcrypt + "\",\"language\":\"en\"}",
                "",
                "{\"username\":\"carol\",\"passwordHash\":\"$md5$nope\"}",
                "not json"));

        assertThat(run("", "import", file.toString())).isEqualTo(1);

        assertThat(out.toString()).contains("1 users imported, 2 skipped", "'carol': password_hash_unsupported",
                "entry 4 '': malformed_line");
        assertThat(core.login().submitPassword("bob", "authelia-pass", FROM)).isInstanceOf(LoginResult.Authenticated.class);
        assertThat(world.accounts.findByUsername("bob").orElseThrow().passwordHash().encoded()).startsWith("$argon2id$");
        assertThat(run("", "export")).isZero();
        JsonNode line = JSON.readTree(out.toString().lines().filter(l -> l.contains("\"bob\"")).findFirst().orElseThrow());
        assertThat(line.path("email").asString()).isEqualTo("bob@example.jp");
        assertThat(line.path("phone").isNull()).as("an unverified phone is not kept").isTrue();
        assertThat(line.path("passwordHash").asString()).startsWith("$argon2id$");
        assertThat(line.has("totpSecret")).isFalse();
    }

    @Test
    void exportWhenTotpSecretsAskedForThenTheyRoundTripIntoAnotherImport() {
        AccountId id = created("hanako");
        var enrollment = core.totp().begin(id, "hanako", world.clock.instant());
        byte[] key = Base32.decode(enrollment.base32Secret()).orElseThrow();
        core.totp().confirm(id, Totp.codeAt(key, world.clock.instant(), TotpParameters.DEFAULT), world.clock.instant());

        assertThat(run("", "export", "--include-totp-secrets")).isZero();

        JsonNode line = JSON.readTree(out.toString().strip());
        assertThat(line.path("totpSecret").asString()).isEqualTo(Base32.encode(key));
        assertThat(line.path("emailVerified").asBoolean()).isTrue();
    }

    @TempDir
    Path dataDir;

    /**
     * The users command sets {@code logging.threshold.console=ERROR}, which Spring Boot keeps as the JVM's system
     * property {@code CONSOLE_LOG_THRESHOLD}: a real command is its own process, but here every later application in
     * this JVM (LogSafetyTest's) would log nothing to the console.
     */
    @org.junit.jupiter.api.AfterEach
    void forgetTheCommandsLogThreshold() {
        System.clearProperty("CONSOLE_LOG_THRESHOLD");
    }

    @Test
    void runWhenStartedAsTheApplicationsCommandThenKeycloakUsersImportedAndTheServerLogsThemIn() throws Exception {
        Path file = dataDir.resolve("realm-export.json");
        try (var in = getClass().getResourceAsStream("/admin/keycloak-realm-export.json")) {
            java.nio.file.Files.write(file, in.readAllBytes());
        }
        Path data = dataDir.resolve("node");
        try (RunningServer command = RunningServer.start(data, "--aikagi.command=users", "show", "nobody-here")) {
            assertThat(command.bean(UsersCommand.class).getExitCode()).isEqualTo(1);
        }
        try (RunningServer command = RunningServer.start(data, "--aikagi.command=users", "import", file.toString())) {
            // Two imported, the federated user without a password skipped.
            assertThat(command.bean(UsersCommand.class).getExitCode()).isEqualTo(1);
        }

        try (RunningServer server = RunningServer.start(data)) {
            dev.aikagi.testkit.ApiClient api = new dev.aikagi.testkit.ApiClient(server.port());
            dev.aikagi.testkit.ApiClient.Reply login = api.post("/api/v1/login",
                    java.util.Map.of("username", "kc-yamada", "password", "Keycloak-pass-2024"), null);

            assertThat(login.status()).as(login.body()).isEqualTo(200);
            assertThat(login.text("status")).isEqualTo("SECOND_FACTOR_REQUIRED");
            assertThat(server.bean(dev.aikagi.core.account.AccountRepository.class).findByUsername("kc-yamada")
                    .orElseThrow().passwordHash().encoded()).startsWith("$argon2id$");
            assertThat(api.post("/api/v1/login", java.util.Map.of("username", "kc-suzuki", "password",
                    "Keycloak-pass-2024"), null).code()).isEqualTo("account_disabled");
        }
    }

    @Test
    void createWhenInviteThenNothingReadAndTheMailedLinkSetsThePasswordAndInviteSendsANewOne() {
        assertThat(run("not a password\n", "create", "yuki", "--email", "yuki@example.jp", "--invite", "--language",
                "en", "--json")).as(err.toString()).isZero();
        AccountId id = AccountId.parse(json().path("id").asString());
        assertThat(core.login().submitPassword("yuki", "not a password", FROM))
                .isNotInstanceOf(LoginResult.Authenticated.class);
        String first = world.channels.to("yuki@example.jp").getLast().body();
        assertThat(first).startsWith("invitation en");

        assertThat(run("", "invite", "yuki")).isZero();
        assertThat(out.toString()).contains("invitation sent");
        String second = world.channels.to("yuki@example.jp").getLast().body();
        String token = second.substring(second.indexOf("token=") + 6).split("[,}\\s]")[0];
        assertThat(core.invitations().accept(token, PASSWORD, FROM.value()).doneValue()).contains(id);
        assertThat(core.login().submitPassword("yuki", PASSWORD, FROM)).isInstanceOf(LoginResult.Authenticated.class);

        assertThat(run("", "create", "kaze", "--invite", "--json")).isEqualTo(1);
        assertThat(json().path("error").asString()).isEqualTo("email_required");
        assertThat(run("", "invite", "nobody-here")).isEqualTo(1);
    }
}
