package dev.aikagi.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.MutableClock;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.TestChannels;
import dev.aikagi.core.TestWorld;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.InMemoryAccountRepository;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.audit.InMemoryAuditLog;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.password.PasswordHasher;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.login.LoginService;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.policy.InMemoryAttemptRepository;
import dev.aikagi.core.recovery.RecoveryCompletion;
import dev.aikagi.core.recovery.RecoveryService;
import dev.aikagi.core.store.Transactions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the support tests share (product journey 8): the core assembled on in-memory repositories
 * ({@link TestWorld}), an account with a phone and backup codes, two agents, and the three support services on
 * one policy or the other.
 */
abstract class SupportFixture {

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
        Outcome<UUID, SupportFailure> open(SupportService.Request request, List<SupportService.Upload> uploads,
                                          ClientAddress from) {
            return intake.open(request, uploads, from);
        }

        Outcome<SupportService.LinkUsed, SupportFailure> useLink(String token, ClientAddress from) {
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

        Outcome<SupportService.Approval, SupportFailure> approve(UUID id, AccountId agent, String reason,
                                                                ClientAddress from) {
            return decisions.approve(id, agent, reason, from);
        }

        Outcome<SupportState, SupportFailure> reject(UUID id, AccountId agent, String reason, ClientAddress from) {
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
        account = signUp.register("hanako", PASSWORD, FROM.value()).doneValue().orElseThrow();
        agent1 = signUp.register("agent1", PASSWORD, DESK.value()).doneValue().orElseThrow();
        agent2 = signUp.register("agent2", PASSWORD, DESK.value()).doneValue().orElseThrow();
        backupCodes.issue(account, clock.instant());
        channels.addPhone(account, "+819012345678", clock.instant());
        audit.record(AuditType.LOGIN_NEW_DEVICE, account, "198.51.100.77", Map.of("device", "Firefox on Linux"));
    }

    UUID requested(Desk service, String username, SupportService.Upload... files) {
        return service.open(new SupportService.Request(username, CONTACT, "I lost my phone and my codes.", "ja"),
                List.of(files), FROM).doneValue().orElseThrow();
    }

    List<Message> toContact() {
        return channels.to(CONTACT);
    }

    String linkToken() {
        Matcher m = LINK.matcher(toContact().get(toContact().size() - 1).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    SupportFailure failure(String name, byte[] content) {
        // A good file beside the bad one: it must not be stored either.
        return twoAgents.open(new SupportService.Request("hanako", CONTACT, "lost everything", "en"),
                List.of(new SupportService.Upload("ok.pdf", PDF), new SupportService.Upload(name, content)), FROM)
                .refusal().orElseThrow();
    }

    private static byte[] bytes(int[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
