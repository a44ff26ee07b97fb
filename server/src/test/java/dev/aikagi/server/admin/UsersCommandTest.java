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
                core.adminTwoStep(), core.twoStepResets(), core.adminSessions(), core.roles()),
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

    @TempDir
    Path dataDir;

    @Test
    void runWhenStartedAsTheApplicationsCommandThenSpringArgumentsAreNotItsOwnAndExitCodeIsKept() {
        try (RunningServer command = RunningServer.start(dataDir, "--aikagi.command=users", "show", "nobody-here")) {
            assertThat(command.bean(UsersCommand.class).getExitCode()).isEqualTo(1);
        }
    }
}
