package dev.aikagi.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.TestWorld;
import dev.aikagi.core.recovery.RecoveryCompletion;
import dev.aikagi.core.store.Transactions;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.InMemoryAccountRepository;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.login.LoginService;
import dev.aikagi.core.TestChannels;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.policy.InMemoryAttemptRepository;
import dev.aikagi.core.recovery.RecoveryFailure;
import dev.aikagi.core.recovery.RecoveryPolicy;
import dev.aikagi.core.recovery.RecoveryService;
import dev.aikagi.core.recovery.RecoveryState;
import dev.aikagi.core.session.Session;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Support requests (product journey 8, issue 5): from the request through one or two agents to the
 * requester finishing recovery with new backup codes; rejections; unknown usernames; and files that are
 * refused with nothing stored.
 */
class SupportServiceTest {

    static final ClientAddress FROM = new ClientAddress("198.51.100.7");
    static final ClientAddress DESK = new ClientAddress("203.0.113.20");
    static final String PASSWORD = "ふるいけや かわずとびこむ";
    static final String CONTACT = "hanako.new@example.org";
    private static final Pattern LINK = Pattern.compile("token=([A-Za-z0-9_-]+)");
    static final byte[] PNG = bytes(new int[] {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H'});
    static final byte[] JPEG = bytes(new int[] {0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F'});
    static final byte[] PDF = "%PDF-1.7\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII);

    final TestWorld world = new TestWorld("2026-11-25T09:00:00Z", 31);
    final MutableClock clock = world.clock;
    final SecretGenerator generator = world.generator;
    final InMemoryAccountRepository accounts = world.accounts;
    final InMemoryAttemptRepository attempts = world.attempts;
    final PasswordHasher hasher = world.hasher;
    final BackupCodes backupCodes = world.backupCodes;
    final InMemoryAuditLog auditLog = world.auditLog;
    final Auditor audit = world.audit;
    final TestChannels channels = world.channels;
    final LoginService login = world.login;
    final RecoveryService recovery = world.core.recovery();
    final RecoveryCompletion completion = world.core.recoveryCompletion();
    final InMemorySupportRepository cases = world.supportCases;
    final InMemoryEvidenceRepository evidence = world.evidence;
    final SecretCipher cipher = new SecretCipher(TestSecrets.keyRing("e1"), generator);

    AccountId account;
    AccountId agent1;
    AccountId agent2;

    /** The three support services on one policy, as the assembly makes them; the tests read as one desk. */
    record Desk(SupportService intake, SupportEvidence shown, SupportDecisions decisions) {
        SupportService.Outcome<UUID> open(SupportService.Request request, List<SupportService.Upload> uploads,
                                          ClientAddress from) {
            return intake.open(request, uploads, from);
        }

        SupportService.Outcome<SupportService.LinkUsed> useLink(String token, ClientAddress from) {
            return intake.useLink(token, from);
        }

        Optional<SupportService.CaseView> view(UUID id) {
            return shown.view(id);
        }

        Optional<SupportService.OpenedEvidence> openEvidence(UUID caseId, UUID evidenceId, AccountId agent,
                                                             ClientAddress from) {
            return shown.openEvidence(caseId, evidenceId, agent, from);
        }

        int deleteOldEvidence() {
            return shown.deleteOldEvidence();
        }

        SupportService.Outcome<SupportService.Approval> approve(UUID id, AccountId agent, String reason,
                                                                ClientAddress from) {
            return decisions.approve(id, agent, reason, from);
        }

        SupportService.Outcome<SupportState> reject(UUID id, AccountId agent, String reason, ClientAddress from) {
            return decisions.reject(id, agent, reason, from);
        }
    }

    Desk desk(SupportPolicy policy) {
        SupportMail mail = new SupportMail(channels.messages, TestChannels.TEXTS);
        SupportEvidence shown = new SupportEvidence(accounts, cases, evidence, channels.channels, auditLog, audit,
                cipher, generator, policy, clock);
        return new Desk(new SupportService(accounts, cases, shown, attempts, audit, recovery, mail, generator, policy,
                Transactions.none(), clock), shown, new SupportDecisions(cases, audit, recovery, mail, generator, policy,
                "https://id.example.jp/", Transactions.none(), clock));
    }

    final Desk twoAgents = desk(new SupportPolicy(true, 1000, 3, Duration.ofDays(30)));
    /** The one the assembly made (SupportPolicy.DEFAULT). */
    final Desk oneAgent = new Desk(world.core.supportIntake(), world.core.supportEvidence(),
            world.core.supportDecisions());

    @BeforeEach
    void accountWithAppPhoneAndBackupCodes() {
        SignUp signUp = new SignUp(accounts, hasher, new PasswordPolicy(Set.of()), generator, audit, clock);
        account = signUp.register("hanako", PASSWORD, FROM.value()).accountId().orElseThrow();
        agent1 = signUp.register("agent1", PASSWORD, DESK.value()).accountId().orElseThrow();
        agent2 = signUp.register("agent2", PASSWORD, DESK.value()).accountId().orElseThrow();
        backupCodes.issue(account, clock.instant());
        channels.addPhone(account, "+819012345678", clock.instant());
        audit.record(AuditType.LOGIN_NEW_DEVICE, account, "198.51.100.77", Map.of("device", "Firefox on Linux"));
    }

    UUID requested(Desk service, String username, SupportService.Upload... files) {
        return service.open(new SupportService.Request(username, CONTACT, "I lost my phone and my codes.", "ja"),
                List.of(files), FROM).value().orElseThrow();
    }

    List<Message> toContact() {
        return channels.to(CONTACT);
    }

    String linkToken() {
        Matcher m = LINK.matcher(toContact().get(toContact().size() - 1).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void approveWhenTwoDifferentAgentsApproveThenUserFinishesRecoveryAndLogsInWithNewBackupCode() {
        UUID id = requested(twoAgents, "Hanako", new SupportService.Upload("id.png", PNG));
        assertThat(toContact()).singleElement().extracting(Message::subject).isEqualTo("support.received");

        assertThat(twoAgents.approve(id, agent1, "ID photo matches", DESK).value())
                .contains(SupportService.Approval.WAITING_FOR_SECOND_AGENT);
        assertThat(twoAgents.approve(id, agent1, "again", DESK).failure()).contains(SupportFailure.SAME_AGENT);
        assertThat(cases.find(id).orElseThrow().state()).isEqualTo(SupportState.OPEN);
        assertThat(twoAgents.approve(id, agent2, "Logins match", DESK).value())
                .contains(SupportService.Approval.APPROVED);

        SupportCase approved = cases.find(id).orElseThrow();
        assertThat(approved.state()).isEqualTo(SupportState.APPROVED);
        assertThat(approved.approvals()).containsExactly(agent1, agent2);
        assertThat(toContact()).extracting(Message::subject).containsExactly("support.received", "support.approved");
        String token = linkToken();
        assertThat(cases.toString()).doesNotContain(token);

        SupportService.LinkUsed used = twoAgents.useLink(token, FROM).value().orElseThrow();
        assertThat(twoAgents.useLink(token, FROM).failure()).contains(SupportFailure.LINK_INVALID);
        assertThat(cases.find(id).orElseThrow().state()).isEqualTo(SupportState.CLOSED);
        String recoveryToken = used.recoveryToken();
        assertThat(recovery.status(used.recoveryId(), recoveryToken).value().orElseThrow().state())
                .isEqualTo(RecoveryState.WAITING);
        assertThat(completion.complete(used.recoveryId(), recoveryToken, Session.Kind.BROWSER, FROM).isOk())
                .as("waiting").isFalse();
        // Issue 14: the agents saw the recovery's id (audit, console), never a token; the link's token is not one.
        assertThat(auditLog.all().toString()).doesNotContain(recoveryToken).doesNotContain(token);
        assertThat(used.toString()).doesNotContain(recoveryToken);

        clock.advance(RecoveryPolicy.DEFAULT.waitingPeriod());
        assertThat(completion.complete(used.recoveryId(), token, Session.Kind.BROWSER, FROM).failure())
                .as("the support link's token is not the recovery's").contains(RecoveryFailure.NOT_FOUND);
        assertThat(completion.complete(used.recoveryId(), null, Session.Kind.BROWSER, FROM).failure())
                .contains(RecoveryFailure.NOT_FOUND);
        RecoveryService.Completed done = completion.complete(used.recoveryId(), recoveryToken, Session.Kind.BROWSER, FROM)
                .value().orElseThrow();
        String newCode = done.backupCodes().codes().get(0);
        LoginResult.SecondFactorRequired step = (LoginResult.SecondFactorRequired) login.submitPassword("hanako",
                PASSWORD, FROM);
        assertThat(login.verifySecondFactor(step.flow().id(), FactorKind.BACKUP_CODE, newCode, FROM))
                .isInstanceOf(LoginResult.Authenticated.class);

        List<AuditType> types = auditLog.all().stream().map(AuditEvent::type).toList();
        assertThat(types).containsSubsequence(AuditType.SUPPORT_REQUESTED, AuditType.SUPPORT_APPROVAL_ADDED,
                AuditType.RECOVERY_WAITING, AuditType.SUPPORT_APPROVED, AuditType.SUPPORT_LINK_USED,
                AuditType.RECOVERY_COMPLETED);
        AuditEvent approval = auditLog.all().stream().filter(e -> e.type() == AuditType.SUPPORT_APPROVED)
                .findFirst().orElseThrow();
        assertThat(approval.details()).containsEntry("agent", agent2.toString()).containsEntry("reason", "Logins match");
        assertThat(approval.clientAddress()).isEqualTo(DESK.value());
    }

    @Test
    void approveWhenOneApprovalSufficesThenFirstAgentApproves() {
        UUID id = requested(oneAgent, "hanako");

        assertThat(oneAgent.approve(id, agent1, "ok", DESK).value()).contains(SupportService.Approval.APPROVED);
        assertThat(oneAgent.approve(id, agent2, "ok", DESK).failure()).contains(SupportFailure.NOT_OPEN);
    }

    @Test
    void rejectWhenReasonGivenThenContactToldAndCaseCannotBeApproved() {
        UUID id = requested(twoAgents, "hanako");

        assertThat(twoAgents.reject(id, agent1, "", DESK).failure()).contains(SupportFailure.REASON_MISSING);
        assertThat(twoAgents.reject(id, agent1, "The photo does not match.", DESK).value())
                .contains(SupportState.REJECTED);

        assertThat(twoAgents.approve(id, agent2, "ok", DESK).failure()).contains(SupportFailure.NOT_OPEN);
        assertThat(toContact().get(toContact().size() - 1).body()).contains("support.rejected")
                .contains("The photo does not match.");
        assertThat(world.recoveries.lastCompletedAt(account)).isEmpty();
    }

    @Test
    void openWhenUsernameUnknownThenSameAnswerAndApprovalRefused() {
        UUID id = requested(oneAgent, "nobody-here");

        assertThat(cases.find(id).orElseThrow().accountId()).isEmpty();
        assertThat(toContact()).extracting(Message::subject).containsExactly("support.received");
        assertThat(oneAgent.view(id).orElseThrow().account()).isEmpty();
        assertThat(oneAgent.approve(id, agent1, "ok", DESK).failure()).contains(SupportFailure.NO_ACCOUNT);
    }

    @Test
    void rejectWhenReasonIsLongJapaneseThenCaseKeepsItAndAuditKeepsTheStartOnly() {
        UUID id = requested(oneAgent, "hanako");
        String reason = "写".repeat(SupportService.MAX_REASON_LENGTH);

        assertThat(oneAgent.reject(id, agent1, reason, DESK).isOk()).isTrue();

        assertThat(cases.find(id).orElseThrow().reason()).isEqualTo(reason);
        AuditEvent rejected = auditLog.all().stream().filter(e -> e.type() == AuditType.SUPPORT_REJECTED)
                .findFirst().orElseThrow();
        // 200 characters, six each once encoded: within the 4000 of the audit row.
        assertThat(rejected.details().get("reason")).hasSize(200);
        assertThat(oneAgent.reject(requested(oneAgent, "hanako"), agent1, reason + "x", DESK).failure())
                .contains(SupportFailure.REASON_TOO_LONG);
    }

    @Test
    void approveWhenAgentIsTheAccountOwnerThenRefused() {
        UUID id = requested(oneAgent, "agent1");

        assertThat(oneAgent.approve(id, agent1, "it is me", DESK).failure()).contains(SupportFailure.OWN_ACCOUNT);
    }

    @Test
    void openWhenFileIsWrongTypeTooLargeOrFakeThenClearFailureAndNothingStored() {
        byte[] gif = "GIF89a......".getBytes(StandardCharsets.US_ASCII);
        byte[] textNamedJpeg = "just some text, not a photo".getBytes(StandardCharsets.US_ASCII);
        byte[] large = Arrays.copyOf(PNG, 1001);

        assertThat(failure("cat.gif", gif)).isEqualTo(SupportFailure.FILE_TYPE_NOT_ALLOWED);
        assertThat(failure("passport.jpg", textNamedJpeg)).isEqualTo(SupportFailure.FILE_NOT_WHAT_IT_CLAIMS);
        assertThat(failure("scan.png", PDF)).isEqualTo(SupportFailure.FILE_NOT_WHAT_IT_CLAIMS);
        assertThat(failure("big.png", large)).isEqualTo(SupportFailure.FILE_TOO_LARGE);
        assertThat(failure("empty.png", new byte[0])).isEqualTo(SupportFailure.FILE_EMPTY);

        assertThat(cases.queue(Optional.empty(), clock.instant().plusSeconds(1), 100)).isEmpty();
        assertThat(toContact()).isEmpty();
        assertThat(auditLog.all()).noneMatch(e -> e.type() == AuditType.SUPPORT_REQUESTED);
    }

    private SupportFailure failure(String name, byte[] content) {
        // A good file beside the bad one: it must not be stored either.
        return twoAgents.open(new SupportService.Request("hanako", CONTACT, "lost everything", "en"),
                List.of(new SupportService.Upload("ok.pdf", PDF), new SupportService.Upload(name, content)), FROM)
                .failure().orElseThrow();
    }

    @Test
    void openWhenTooManyFilesThenRefused() {
        SupportService.Upload png = new SupportService.Upload("a.png", PNG);

        assertThat(twoAgents.open(new SupportService.Request("hanako", CONTACT, "lost", "en"),
                List.of(png, png, png, png), FROM).failure()).contains(SupportFailure.TOO_MANY_FILES);
    }

    @Test
    void openWhenInputMissingOrInvalidThenRefused() {
        assertThat(oneAgent.open(new SupportService.Request(" ", CONTACT, "x", "en"), List.of(), FROM).failure())
                .contains(SupportFailure.USERNAME_MISSING);
        assertThat(oneAgent.open(new SupportService.Request("hanako", "not-an-address", "x", "en"), List.of(), FROM)
                .failure()).contains(SupportFailure.CONTACT_INVALID);
        assertThat(oneAgent.open(new SupportService.Request("hanako", CONTACT, "  ", "en"), List.of(), FROM)
                .failure()).contains(SupportFailure.STATEMENT_MISSING);
        assertThat(oneAgent.open(new SupportService.Request("hanako", CONTACT, "x".repeat(4001), "en"), List.of(),
                FROM).failure()).contains(SupportFailure.STATEMENT_TOO_LONG);
    }

    @Test
    void openWhenFilesAcceptedThenStoredSealedAndAgentOpensThemAudited() {
        UUID id = requested(twoAgents, "hanako", new SupportService.Upload("ID card.JPG", JPEG),
                new SupportService.Upload("statement", PDF));

        List<Evidence> files = evidence.list(id);
        assertThat(files).extracting(Evidence::type).containsExactly(EvidenceType.JPEG, EvidenceType.PDF);
        assertThat(files).extracting(Evidence::fileName).containsExactly("ID card.JPG", "statement");
        String sealed = evidence.sealedContent(files.get(1).id()).orElseThrow();
        assertThat(sealed).doesNotContain("PDF").startsWith("e1:");

        SupportService.OpenedEvidence opened = twoAgents.openEvidence(id, files.get(1).id(), agent1, DESK).orElseThrow();
        assertThat(opened.content()).isEqualTo(PDF);
        assertThat(twoAgents.openEvidence(UUID.randomUUID(), files.get(1).id(), agent1, DESK)).isEmpty();
        assertThat(auditLog.all()).anyMatch(e -> e.type() == AuditType.SUPPORT_EVIDENCE_VIEWED
                && e.details().get("agent").equals(agent1.toString()));
    }

    @Test
    void deleteOldEvidenceWhenRetentionPassedAfterDecisionThenFilesGone() {
        UUID id = requested(twoAgents, "hanako", new SupportService.Upload("id.png", PNG));
        twoAgents.reject(id, agent1, "no match", DESK);

        clock.advance(Duration.ofDays(30));
        assertThat(twoAgents.deleteOldEvidence()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(twoAgents.deleteOldEvidence()).isEqualTo(1);
        assertThat(evidence.list(id)).isEmpty();
    }

    @Test
    void viewWhenAccountKnownThenFactsWithoutSecretsAndCoarsePlaces() {
        UUID id = requested(twoAgents, "hanako");

        SupportService.AccountFacts facts = twoAgents.view(id).orElseThrow().account().orElseThrow();
        assertThat(facts.username()).isEqualTo("hanako");
        assertThat(facts.channels()).singleElement().satisfies(c -> {
            assertThat(c.masked()).doesNotContain("12345678").endsWith("78");
            assertThat(c.verifiedAt()).isEqualTo(clock.instant());
        });
        assertThat(facts.logins()).singleElement().satisfies(l -> {
            assertThat(l.network()).isEqualTo("198.51.100.0/24");
            assertThat(l.device()).isEqualTo("Firefox on Linux");
        });
    }

    @Test
    void constructorWhenAPortIsMissingThenNamesIt() {
        SupportMail mail = new SupportMail(channels.messages, TestChannels.TEXTS);
        org.assertj.core.api.Assertions.assertThatNullPointerException().isThrownBy(() -> new SupportService(accounts,
                        cases, null, attempts, audit, recovery, mail, generator, SupportPolicy.DEFAULT,
                        Transactions.none(), clock))
                .withMessage("evidence");
        org.assertj.core.api.Assertions.assertThatNullPointerException().isThrownBy(() -> new SupportEvidence(accounts,
                        cases, evidence, channels.channels, auditLog, audit, cipher, generator, null, clock))
                .withMessage("policy");
        org.assertj.core.api.Assertions.assertThatNullPointerException().isThrownBy(() -> new SupportDecisions(cases,
                        audit, recovery, mail, generator, SupportPolicy.DEFAULT, "https://id.example.jp", null, clock))
                .withMessage("transactions");
    }

    @Test
    void networkWhenAddressGivenThenOnlyThePrefix() {
        assertThat(SupportService.network("192.0.2.123")).isEqualTo("192.0.2.0/24");
        assertThat(SupportService.network("2001:db8:85a3:8d3:1319:8a2e:370:7348")).isEqualTo("2001:db8:85a3::/48");
        assertThat(SupportService.network("::1")).isEqualTo("IPv6");
        assertThat(SupportService.network(null)).isEmpty();
        assertThat(SupportService.network("unknown")).isEmpty();
    }

    @Test
    void evidenceTypeWhenDetectedThenByContentNotName() {
        assertThat(EvidenceType.detect(PNG)).contains(EvidenceType.PNG);
        assertThat(EvidenceType.detect(JPEG)).contains(EvidenceType.JPEG);
        assertThat(EvidenceType.detect(PDF)).contains(EvidenceType.PDF);
        assertThat(EvidenceType.detect(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
        assertThat(EvidenceType.claimedBy("x.JPEG")).contains(EvidenceType.JPEG);
        assertThat(EvidenceType.claimedBy("x.gif")).isEmpty();
    }

    private static byte[] bytes(int[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
