package dev.aikagi.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.role.Role;
import dev.aikagi.core.role.Roles;
import dev.aikagi.server.RunningServer;
import dev.aikagi.server.admin.RoleCommand;
import dev.aikagi.server.support.SupportJourneyTest;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.testkit.PageClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 14, point 5: a new username that looks like a taken one (the same Unicode TS #39 skeleton) gets the very
 * answer the taken name gets, on the API and the page; Latin mixed with Cyrillic or Greek is refused, Latin
 * with Japanese is not; the support console flags a case whose username looks like another account's.
 *
 * <p>Issue 14, point 6: a name in {@code aikagi.support.agents} or {@code aikagi.oidc.admins} that nobody had yet
 * gives nothing to whoever signs it up, at that start or any later one; the grant-role command gives the role
 * to the existing account (audited), revoke-role takes it back, and both apply at once on a running node.
 */
class UsernamesAndRolesJourneyTest {

    private static final String LISTED = "--aikagi.support.agents=late-agent";
    private static final String LISTED_ADMINS = "--aikagi.oidc.admins=late-agent";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    @TempDir
    static Path dataDir;
    static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, "--server.forward-headers-strategy=native", LISTED, LISTED_ADMINS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void grantRoleWhenNameWasListedBeforeItsSignUpThenOnlyTheCommandMakesItAnAgentOrAdmin() {
        PageClient squatter = signedInWithTwoSteps("late-agent");
        assertThat(squatter.get("/support").status()).as("listed before anyone had it: not an agent").isEqualTo(404);
        assertThat(squatter.get("/admin/applications").status()).as("nor an admin").isEqualTo(404);

        // Another node starting (or this one restarting) with the same lists: still nothing for the late account.
        try (RunningServer again = RunningServer.start(dataDir, LISTED, LISTED_ADMINS)) {
            assertThat(again.port()).isPositive();
        }
        assertThat(squatter.get("/support").status()).isEqualTo(404);

        // The operator, having checked it is the right person, grants the role with the command.
        assertThat(command("grant-role", "--username=Late-Agent", "--role=support-agent")).isZero();
        assertThat(squatter.get("/support").status()).isEqualTo(200);
        assertThat(squatter.get("/admin/applications").status()).isEqualTo(404);
        // The rest through the service the commands call (RoleCommandTest covers their arguments), to save starts.
        server.bean(Roles.class).grant("late-agent", Role.ADMIN);
        assertThat(squatter.get("/admin/applications").status()).isEqualTo(200);

        assertThat(command("revoke-role", "--username=late-agent", "--role=support-agent")).isZero();
        assertThat(squatter.get("/support").status()).isEqualTo(404);
        assertThat(squatter.get("/admin/applications").status()).isEqualTo(200);

        AccountId account = server.bean(AccountRepository.class).findByUsername("late-agent").orElseThrow().id();
        List<AuditEvent> events = server.bean(AuditLog.class).recent(account, 50).reversed();
        assertThat(events).filteredOn(e -> e.type() == AuditType.ROLE_GRANTED || e.type() == AuditType.ROLE_REVOKED)
                .extracting(e -> e.type() + " " + e.details().get("role") + " by " + e.details().get("by"))
                .containsExactly("ROLE_GRANTED support-agent by command", "ROLE_GRANTED admin by command",
                        "ROLE_REVOKED support-agent by command");
    }

    @Test
    void grantRoleWhenNoAccountHasTheNameThenExitCodeOneAndNothingChanges() {
        try (RunningServer run = RunningServer.start(dataDir, "--aikagi.command=grant-role", "--username=nobody-here",
                "--role=support-agent")) {
            RoleCommand command = run.bean(RoleCommand.class);
            assertThat(command.getExitCode()).isEqualTo(1);
            assertThat(command.line()).isEqualTo("grant-role: no account has the username 'nobody-here'; nothing changed"
                    + " (roles go to existing accounts only: sign the account up first)");
        }
        assertThat(server.bean(AccountRepository.class).findByUsername("nobody-here")).isEmpty();
    }

    @Test
    void supportCaseWhenUsernameLooksLikeAnotherAccountThenTheCaseIsFlagged() {
        PageClient owner = PageJourneys.browser(server);
        PageJourneys.signUp(owner, "paypal77");
        PageClient agent = signedInWithTwoSteps("desk-roles");
        server.bean(Roles.class).grant("desk-roles", Role.SUPPORT_AGENT);

        // Someone asks about "pаypal77" (Cyrillic а): no such account, but it reads as the owner's name.
        for (String typed : List.of("p\u0430ypal77", "paypal77")) {
            PageClient requester = PageJourneys.browser(server);
            requester.get("/support/request");
            PageClient.Page sent = requester.postMultipart("/support/request",
                    Map.of("username", typed, "contact", "someone@example.org", "statement", "I lost my phone."),
                    List.of(new PageClient.FilePart("files", "id.png", "image/png", SupportJourneyTest.PNG)));
            assertThat(sent.status()).isEqualTo(302);
        }
        PageClient.Page queue = agent.get("/support");
        PageClient.Page spoofed = agent.get(casePath(queue, "p\u0430ypal77"));
        PageClient.Page genuine = agent.get(casePath(queue, "paypal77"));

        assertThat(spoofed.text("support-lookalike")).contains("paypal77");
        assertThat(genuine.has("support-lookalike")).as("the account itself is not its own look-alike").isFalse();
        PageClient.Page japanese = agent.acceptLanguage("ja").get(casePath(queue, "p\u0430ypal77"));
        assertThat(japanese.text("support-lookalike")).contains("注意").contains("paypal77");
    }

    @Test
    void signUpWhenNameLooksLikeATakenOneThenTheSameAnswerAsTheTakenNameOnApiAndPage() throws Exception {
        assertThat(apiSignUp("poppa77").statusCode()).isEqualTo(201);

        HttpResponse<String> exact = apiSignUp("poppa77");
        HttpResponse<String> cyrillic = apiSignUp("\u0440\u043e\u0440\u0440\u043077"); // рорра77, all Cyrillic
        HttpResponse<String> digit = apiSignUp("poppa7\uff17");                       // a full-width 7: the same name
        assertThat(exact.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(exact.body()).get("code").asString()).isEqualTo("username_taken");
        for (HttpResponse<String> lookalike : List.of(cyrillic, digit)) {
            assertThat(lookalike.statusCode()).isEqualTo(409);
            assertThat(withoutInstance(lookalike.body())).isEqualTo(withoutInstance(exact.body()));
        }

        for (String mixed : List.of("p\u0430ypal77", "\u03c1\u03b1ypal77", "p\u043eppa77")) {
            HttpResponse<String> refused = apiSignUp(mixed);
            assertThat(refused.statusCode()).as(mixed).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).get("code").asString()).isEqualTo("username_invalid");
        }
        assertThat(apiSignUp("山田taro").statusCode()).isEqualTo(201);
        assertThat(apiSignUp("たろうtaro").statusCode()).isEqualTo(201);

        PageClient page = PageJourneys.browser(server);
        page.get("/signup");
        String taken = page.post("/signup", "username", "poppa77", "password", PageJourneys.PASSWORD).text("form-error");
        page.get("/signup");
        String lookalike = page.post("/signup", "username", "\u0440\u043e\u0440\u0440\u043077",
                "password", PageJourneys.PASSWORD).text("form-error");
        assertThat(lookalike).isEqualTo(taken).contains("taken");
    }

    /** The problem document without the fields that name the request itself. */
    private static JsonNode withoutInstance(String body) {
        ObjectNode problem = (ObjectNode) JSON.readTree(body);
        problem.remove("instance");
        problem.remove("requestId");
        return problem;
    }

    private static HttpResponse<String> apiSignUp(String username) throws Exception {
        int n = ADDRESSES.getAndIncrement();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/accounts"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "203.0.113." + n) // an address each: sign-up is limited per address
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", username, "password", "a fine long password"))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String casePath(PageClient.Page queue, String username) {
        Matcher row = Pattern.compile("href=\"(/support/cases/[0-9a-f-]{36})\"[^<]*</a></td>\\s*<td>"
                + Pattern.quote(username) + "</td>").matcher(queue.body());
        assertThat(row.find()).as(queue.body()).isTrue();
        return row.group(1);
    }

    /** Runs a command beside the node, on the same database; returns its exit code. */
    private static int command(String name, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--aikagi.command=" + name;
        System.arraycopy(args, 0, all, 1, args.length);
        try (RunningServer run = RunningServer.start(dataDir, all)) {
            return run.bean(RoleCommand.class).getExitCode();
        }
    }

    /** An account with two-step verification, signed in again with a backup code (AAL2). */
    private static PageClient signedInWithTwoSteps(String username) {
        return PageJourneys.signedInWithTwoSteps(server, username);
    }
}
