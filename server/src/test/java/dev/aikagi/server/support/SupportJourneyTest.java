package dev.aikagi.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.role.Role;
import dev.aikagi.core.role.Roles;
import dev.aikagi.core.support.SupportDecisions;
import dev.aikagi.core.support.SupportEvidence;
import dev.aikagi.core.support.SupportService;
import dev.aikagi.server.FailingWrites;
import dev.aikagi.server.RunningServer;
import dev.aikagi.server.testing.PageJourneys;
import dev.aikagi.testkit.Html;
import dev.aikagi.testkit.PageClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Support requests over HTTP (issue 5, journey 8), on a server whose operator requires two approvals and set
 * the recovery waiting period to 0: a request with a photo, two agents approving in the console, the link
 * to the contact address, and the user completing recovery and logging in with a new backup code. Also:
 * only agents logged in with two-step verification see the console, and bad files are refused with a
 * clear message and nothing stored.
 */
public class SupportJourneyTest {

    private static final Pattern LINK = Pattern.compile("/support/continue\\?token=([A-Za-z0-9_-]+)");
    private static final Pattern CODES = Pattern.compile("\"backupCodes\"\\s*:\\s*\\[([^]]*)]");
    public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @TempDir
    static Path dataDir;
    static RunningServer server;
    static PageClient agent1;
    static PageClient agent2;

    @BeforeAll
    static void start() {
        server = RunningServer.start(dataDir, "--server.forward-headers-strategy=native",
                "--aikagi.support.require-two-approvals=true",
                "--aikagi.support.upload-max-bytes=2000", "--aikagi.recovery.waiting-period=0s");
        agent1 = signedInWithTwoSteps("sup-agent1");
        agent2 = signedInWithTwoSteps("sup-agent2");
        // What --aikagi.command=grant-role does (issue 14, point 6: roles go to existing accounts only).
        grantAgent("sup-agent1");
        grantAgent("sup-agent2");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void grantAgent(String username) {
        assertThat(server.bean(Roles.class).grant(username, Role.SUPPORT_AGENT)).isInstanceOf(Roles.Changed.class);
    }

    /** An account with two-step verification, signed in again with a backup code (AAL2). */
    static PageClient signedInWithTwoSteps(String username) {
        return PageJourneys.signedInWithTwoSteps(server, username);
    }

    @Test
    void supportCaseWhenTwoAgentsApproveThenUserRecoversAndLogsInWithNewBackupCode() throws Exception {
        PageClient user = PageJourneys.browser(server);
        PageJourneys.signUp(user, "sup-hanako");
        List<String> oldCodes = PageJourneys.enableTwoStep(user);
        user.post("/logout");

        // The person who lost everything asks for help, in Japanese, with a photo.
        PageClient requester = PageJourneys.browser(server).acceptLanguage("ja");
        assertThat(requester.get("/support/request").status()).isEqualTo(200);
        PageClient.Page sent = requester.postMultipart("/support/request",
                Map.of("username", "sup-hanako", "contact", "hanako.new@example.org",
                        "statement", "携帯をなくしました。いつも東京の自宅の Firefox からログインしています。"),
                List.of(new PageClient.FilePart("files", "id.png", "image/png", PNG)));
        assertThat(sent.status()).isEqualTo(302);
        assertThat(sent.location()).isEqualTo("/support/request/sent");
        assertThat(requester.follow(sent).text("support-sent")).contains("ありがとうございます");
        assertThat(outbox()).contains("hanako.new@example.org").contains("を受け付けました");

        // Agent 1: the queue, the case beside what the system knows, the photo, the first approval.
        PageClient.Page queue = agent1.get("/support");
        assertThat(queue.status()).isEqualTo(200);
        Matcher row = Pattern.compile("href=\"(/support/cases/[0-9a-f-]{36})\"[^<]*</a></td>\\s*<td>sup-hanako</td>")
                .matcher(queue.body());
        assertThat(row.find()).as(queue.body()).isTrue();
        String casePath = row.group(1);
        PageClient.Page casePage = agent1.get(casePath);
        assertThat(casePage.text("support-username")).isEqualTo("sup-hanako");
        assertThat(casePage.text("support-contact")).isEqualTo("hanako.new@example.org");
        assertThat(casePage.text("support-statement")).contains("携帯をなくしました");
        assertThat(casePage.has("support-account-created")).isTrue();
        assertThat(casePage.text("support-logins")).contains(".0/24");
        assertThat(casePage.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        String filePath = Html.attribute(Html.byClass(casePage.body(), "support-file").get(0), "href").orElseThrow();
        HttpResponse<byte[]> file = agent1.download(filePath);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(PNG);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("attachment").endsWith(".png\""));

        PageClient.Page first = agent1.post(casePath + "/approve", "reason", "写真と登録情報が一致");
        assertThat(first.location()).isEqualTo(casePath + "?first-approval");
        assertThat(agent1.follow(first).text("support-approvals")).isEqualTo("sup-agent1");
        PageClient.Page twice = agent1.post(casePath + "/approve", "reason", "again");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("form-error")).contains("second agent");

        // Agent 2 approves: the contact address gets the single-use link.
        agent2.get(casePath);
        PageClient.Page approved = agent2.post(casePath + "/approve", "reason", "Login places match");
        assertThat(approved.location()).isEqualTo(casePath + "?approved");
        assertThat(agent2.follow(approved).text("support-state")).isEqualTo("Approved");
        Matcher link = LINK.matcher(outbox());
        assertThat(link.find()).as("the approval email carries the link").isTrue();
        String token = link.group(1);

        // The link leads into recovery's last step (waiting period 0 here), once.
        PageClient.Page landing = requester.get("/support/continue?token=" + token);
        assertThat(landing.status()).isEqualTo(200);
        PageClient.Page continued = requester.post("/support/continue", "token", token);
        assertThat(continued.location()).isEqualTo("/recovery/waiting");
        // Issue 14: the cookie holds a fresh recovery token, not the case's id (which the agents saw).
        String recoveryToken = requester.cookie("aikagi_recovery").orElseThrow().getValue();
        String recoveryId = server.bean(dev.aikagi.core.recovery.RecoveryService.class).caseOf(recoveryToken)
                .orElseThrow().toString();
        assertThat(recoveryToken).doesNotContain(recoveryId).matches("[A-Za-z0-9_-]{43}");
        requester.get("/support/continue?token=" + token);
        assertThat(requester.post("/support/continue", "token", token).status()).isEqualTo(410);

        URI complete = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/recovery/" + recoveryId + "/complete");
        HttpResponse<String> byIdAlone = HttpClient.newHttpClient().send(HttpRequest.newBuilder(complete)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(byIdAlone.statusCode()).as("the id the agents saw completes nothing").isEqualTo(404);
        HttpResponse<String> completed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(complete)
                .header("Content-Type", "application/json").header("Aikagi-Recovery-Token", recoveryToken)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(completed.statusCode()).isEqualTo(200);
        Matcher codes = CODES.matcher(completed.body());
        assertThat(codes.find()).isTrue();
        List<String> newCodes = Arrays.stream(codes.group(1).split(","))
                .map(c -> c.replace("\"", "").strip()).toList();
        assertThat(newCodes).hasSize(10);

        // The old backup code stopped working; a new one logs in.
        PageClient again = PageJourneys.browser(server);
        PageJourneys.logOutAndStartLogin(again, "sup-hanako");
        PageJourneys.chooseBackupCode(again);
        assertThat(again.post("/login/challenge", "code", oldCodes.get(1)).status()).isEqualTo(401);
        PageClient.Page in = again.post("/login/challenge", "code", newCodes.get(0));
        assertThat(in.status()).isEqualTo(302);
        assertThat(in.location()).isNotEqualTo("/login/challenge");
        assertThat(again.cookie("aikagi_session")).isPresent();

        // The queue shows it closed; the outbox told the requester at each change of state.
        assertThat(agent1.get("/support?state=CLOSED").body()).contains("sup-hanako");
        assertThat(outbox()).contains("が承認されました");
    }

    @Test
    void approvalWhenItsAuditRecordCannotBeWrittenThenNoRecoveryNoLinkAndTheSecondAgentApprovesAgain() throws Exception {
        PageClient user = PageJourneys.browser(server);
        PageJourneys.signUp(user, "sup-atomic");
        PageJourneys.enableTwoStep(user);
        user.post("/logout");
        PageClient requester = PageJourneys.browser(server);
        requester.get("/support/request");
        assertThat(requester.postMultipart("/support/request", Map.of("username", "sup-atomic",
                "contact", "atomic.new@example.org", "statement", "Lost my phone and my codes."),
                List.of(new PageClient.FilePart("files", "id.png", "image/png", PNG))).status()).isEqualTo(302);
        Matcher row = Pattern.compile("href=\"(/support/cases/([0-9a-f-]{36}))\"[^<]*</a></td>\\s*<td>sup-atomic</td>")
                .matcher(agent1.get("/support").body());
        assertThat(row.find()).isTrue();
        String casePath = row.group(1);
        agent1.get(casePath);
        assertThat(agent1.post(casePath + "/approve", "reason", "photo matches").location())
                .isEqualTo(casePath + "?first-approval");

        AccountRepository accounts = server.bean(AccountRepository.class);
        AccountId secondAgent = accounts.findByUsername("sup-agent2").orElseThrow().id();
        AccountId owner = accounts.findByUsername("sup-atomic").orElseThrow().id();
        try (FailingWrites noRecord = FailingWrites.auditOf(server, "SUPPORT_APPROVED")) {
            assertThatThrownBy(() -> server.bean(SupportDecisions.class).approve(UUID.fromString(row.group(2)), secondAgent,
                    "login places match", new ClientAddress("198.51.100.41")))
                    .isInstanceOf(RuntimeException.class);
        }

        assertThat(agent2.get(casePath).text("support-state")).as("the case is still open").isEqualTo("Open");
        assertThat(JdbcClient.create(server.bean(DataSource.class))
                .sql("select count(*) from recovery_case where account_id = ?").param(owner.value())
                .query(Integer.class).single()).as("no recovery was started").isZero();
        assertThat(LINK.matcher(outboxFor("atomic.new@example.org")).find()).as("no link was sent").isFalse();

        PageClient.Page approved = agent2.post(casePath + "/approve", "reason", "login places match");
        assertThat(approved.location()).isEqualTo(casePath + "?approved");
        assertThat(LINK.matcher(outboxFor("atomic.new@example.org")).find()).as("the approval email carries the link").isTrue();
    }

    @Test
    void requestWhenItsAuditRecordCannotBeWrittenThenNoCaseNoFilesNoEmailAndItCanBeSentAgain() throws Exception {
        SupportService support = server.bean(SupportService.class);
        SupportService.Request request = new SupportService.Request("sup-nobody-atomic", "atomic.request@example.org",
                "Lost everything.", "en");
        List<SupportService.Upload> files = List.of(new SupportService.Upload("id.png", PNG));
        JdbcClient jdbc = JdbcClient.create(server.bean(DataSource.class));

        try (FailingWrites noRecord = FailingWrites.auditOf(server, "SUPPORT_REQUESTED")) {
            assertThatThrownBy(() -> support.open(request, files, new ClientAddress("198.51.100.42")))
                    .isInstanceOf(RuntimeException.class);
        }

        assertThat(jdbc.sql("select count(*) from support_case where username = 'sup-nobody-atomic'")
                .query(Integer.class).single()).as("no case").isZero();
        assertThat(jdbc.sql("select count(*) from support_evidence e where not exists"
                + " (select 1 from support_case c where c.id = e.case_id)").query(Integer.class).single())
                .as("no file without its case").isZero();
        assertThat(outboxFor("atomic.request@example.org")).as("no acknowledgement").isEmpty();

        UUID id = support.open(request, files, new ClientAddress("198.51.100.42")).doneValue().orElseThrow();
        assertThat(server.bean(SupportEvidence.class).view(id).orElseThrow().evidence()).hasSize(1);
        assertThat(outboxFor("atomic.request@example.org")).isNotEmpty();
    }

    @Test
    void consoleWhenNotAnAgentOrWithoutTwoStepThenNotFound() {
        PageClient anonymous = PageJourneys.browser(server);
        assertThat(anonymous.get("/support").status()).isEqualTo(404);
        assertThat(anonymous.get("/support/cases/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);

        PageClient plainUser = PageJourneys.browser(server);
        PageJourneys.signUp(plainUser, "sup-plain");
        PageJourneys.enableTwoStep(plainUser);
        assertThat(plainUser.get("/support").status()).isEqualTo(404);

        // Listed as an agent, but signed in with the password only (AAL1): not enough.
        PageClient passwordOnly = PageJourneys.browser(server);
        PageJourneys.signUp(passwordOnly, "sup-agent3");
        grantAgent("sup-agent3");
        assertThat(passwordOnly.cookie("aikagi_session")).isPresent();
        assertThat(passwordOnly.get("/support").status()).isEqualTo(404);

        // Turning two-step verification on proves the new factor in this very session, which then counts as
        // AAL2 (issue 14): the console opens.
        PageJourneys.enableTwoStep(passwordOnly);
        assertThat(passwordOnly.get("/support").status()).as("raised to AAL2 by the confirmed app").isEqualTo(200);
        assertThat(agent2.get("/support").status()).isEqualTo(200);
    }

    @Test
    void requestWhenFileIsWrongTypeTooLargeOrFakeThenClearErrorAndNothingStored() throws Exception {
        PageClient requester = PageJourneys.browser(server);
        String before = outbox();
        List<String> errors = new ArrayList<>();
        for (PageClient.FilePart bad : List.of(
                new PageClient.FilePart("files", "cat.gif", "image/gif", "GIF89a.....".getBytes(StandardCharsets.US_ASCII)),
                new PageClient.FilePart("files", "big.png", "image/png", Arrays.copyOf(PNG, 2001)),
                new PageClient.FilePart("files", "passport.jpg", "image/jpeg",
                        "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII)))) {
            requester.get("/support/request");
            PageClient.Page refused = requester.postMultipart("/support/request",
                    Map.of("username", "sup-nobody", "contact", "bad-files@example.org", "statement", "help"),
                    List.of(new PageClient.FilePart("files", "ok.png", "image/png", PNG), bad));
            assertThat(refused.status()).as(bad.fileName()).isEqualTo(422);
            assertThat(refused.attribute("username", "value")).isEqualTo("sup-nobody");
            errors.add(refused.text("form-error"));
        }

        assertThat(errors).containsExactly(
                "Only JPEG, PNG and PDF files can be sent. Nothing was saved.",
                "One of the files is too large: at most 1 MB each. Nothing was saved.",
                "One of the files is not what its name says (for example, not a real image). Nothing was saved.");
        assertThat(outbox()).isEqualTo(before).doesNotContain("bad-files@example.org");
        assertThat(agent1.get("/support?state=ALL").body()).doesNotContain("sup-nobody");
    }

    @Test
    void auditWhenAgentSearchesThenEventsShownAndExportedAsCsvAndJson() {
        PageClient.Page page = agent1.get("/support/audit?username=sup-agent1");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("audit-events")).contains("Account created").contains("sup-agent1");

        HttpResponse<byte[]> csv = agent1.download("/support/audit.csv?username=sup-agent1&type=ACCOUNT_CREATED");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        assertThat(java.util.Arrays.copyOf(csv.body(), 3)).as("UTF-8 byte-order mark, for Excel in Japanese")
                .containsExactly(0xEF, 0xBB, 0xBF);
        List<String> lines = new String(csv.body(), 3, csv.body().length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("id,at,type,account_id,username,client_address,details");
        assertThat(lines.get(1)).contains("\"ACCOUNT_CREATED\"").contains("\"sup-agent1\"");

        HttpResponse<byte[]> json = agent1.download("/support/audit.json?username=sup-agent1&type=LOGIN_SUCCEEDED");
        assertThat(json.statusCode()).isEqualTo(200);
        String body = new String(json.body(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("[").contains("\"type\":\"LOGIN_SUCCEEDED\"").contains("\"username\":\"sup-agent1\"")
                .doesNotContain("ACCOUNT_CREATED");

        PageClient.Page unreadable = agent1.get("/support/audit?from=yesterday");
        assertThat(unreadable.text("form-error")).contains("could not be read");
        assertThat(agent1.download("/support/audit.csv?type=NO_SUCH_TYPE").statusCode()).isEqualTo(400);
        assertThat(PageJourneys.browser(server).download("/support/audit.csv").statusCode()).isEqualTo(404);
        assertThat(PageJourneys.browser(server).download("/support/audit.json").statusCode()).isEqualTo(404);
    }

    @Test
    void csvFieldWhenValueLooksLikeAFormulaThenNeutralisedAndQuoted() {
        assertThat(SupportAuditPageController.csvField("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(SupportAuditPageController.csvField("+81 90")).isEqualTo("\"'+81 90\"");
        assertThat(SupportAuditPageController.csvField("a,b")).isEqualTo("\"a,b\"");
        assertThat(SupportAuditPageController.csvField(null)).isEqualTo("\"\"");
    }

    /** The bodies of the development outbox's messages to {@code to}. */
    private static String outboxFor(String to) throws IOException, InterruptedException {
        StringBuilder bodies = new StringBuilder();
        for (JsonNode message : JsonMapper.builder().build().readTree(outbox())) {
            if (message.get("to").asString().equals(to)) {
                bodies.append(message.get("body").asString()).append('\n');
            }
        }
        return bodies.toString();
    }

    private static String outbox() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/dev/outbox"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
