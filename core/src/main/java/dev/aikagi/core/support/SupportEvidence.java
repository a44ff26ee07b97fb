package dev.aikagi.core.support;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.support.SupportService.AccountFacts;
import dev.aikagi.core.support.SupportService.CaseView;
import dev.aikagi.core.support.SupportService.ChannelFact;
import dev.aikagi.core.support.SupportService.LoginFact;
import dev.aikagi.core.support.SupportService.OpenedEvidence;
import dev.aikagi.core.support.SupportService.Upload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a support request brings and what an agent is shown of it (product journey 8): the files, checked and
 * stored sealed ({@link #check}, {@link #store}), the queue, a case with the account's facts — age, channels
 * (masked) and when they were verified, recent logins' coarse places and devices, never a secret — and a file
 * opened, audited ({@link #openEvidence}). Files are deleted after the retention period
 * ({@link #deleteOldEvidence}).
 */
public final class SupportEvidence {

    private final AccountRepository accounts;
    private final SupportRepository cases;
    private final EvidenceRepository evidence;
    private final ContactChannelRepository channels;
    private final AuditLog auditLog;
    private final Auditor audit;
    private final SecretCipher cipher;
    private final SecretGenerator generator;
    private final SupportPolicy policy;
    private final Clock clock;

    public SupportEvidence(AccountRepository accounts, SupportRepository cases, EvidenceRepository evidence,
                           ContactChannelRepository channels, AuditLog auditLog, Auditor audit, SecretCipher cipher,
                           SecretGenerator generator, SupportPolicy policy, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.cases = Objects.requireNonNull(cases, "cases");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SupportPolicy policy() {
        return policy;
    }

    /** Why the files cannot be taken (too many, empty, too large, not what they claim), if so. */
    Optional<SupportFailure> check(List<Upload> files) {
        if (files.size() > policy.maxFiles()) {
            return Optional.of(SupportFailure.TOO_MANY_FILES);
        }
        for (Upload file : files) {
            if (file.content().length == 0) {
                return Optional.of(SupportFailure.FILE_EMPTY);
            }
            if (file.content().length > policy.uploadMaxBytes()) {
                return Optional.of(SupportFailure.FILE_TOO_LARGE);
            }
            Optional<EvidenceType> actual = EvidenceType.detect(file.content());
            Optional<EvidenceType> claimed = EvidenceType.claimedBy(file.fileName());
            if (actual.isEmpty()) {
                return Optional.of(claimed.isPresent() ? SupportFailure.FILE_NOT_WHAT_IT_CLAIMS
                        : SupportFailure.FILE_TYPE_NOT_ALLOWED);
            }
            if (claimed.isPresent() && claimed.get() != actual.get()) {
                return Optional.of(SupportFailure.FILE_NOT_WHAT_IT_CLAIMS);
            }
        }
        return Optional.empty();
    }

    /** Stores the (checked) files of a new case, each sealed and bound to its id (in the caller's transaction). */
    void store(UUID caseId, List<Upload> files, Instant now) {
        for (Upload file : files) {
            UUID evidenceId = generator.uuid();
            EvidenceType type = EvidenceType.detect(file.content()).orElseThrow(AssertionError::new);
            evidence.add(new Evidence(evidenceId, caseId, type, SupportService.displayName(file.fileName(), type),
                    file.content().length, now), cipher.seal(file.content(), SupportService.sealingContext(evidenceId)));
        }
    }

    /** The queue, oldest first: cases in {@code state} (all if empty) at least {@code minAge} old. */
    public List<SupportCase> queue(Optional<SupportState> state, Duration minAge, int limit) {
        return cases.queue(state, clock.instant().minus(minAge.isNegative() ? Duration.ZERO : minAge), limit);
    }

    public Optional<CaseView> view(UUID id) {
        return cases.find(id).map(c -> new CaseView(c, evidence.list(id), c.accountId().flatMap(this::facts)));
    }

    /** Opens a file of a case for an agent, and audits that they did. */
    public Optional<OpenedEvidence> openEvidence(UUID caseId, UUID evidenceId, AccountId agent, ClientAddress from) {
        Optional<Evidence> found = evidence.find(evidenceId).filter(e -> e.caseId().equals(caseId));
        Optional<String> sealed = found.flatMap(e -> evidence.sealedContent(e.id()));
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        byte[] content = cipher.open(sealed.get(), SupportService.sealingContext(evidenceId));
        SupportCase supportCase = cases.find(caseId).orElseThrow();
        audit.record(AuditType.SUPPORT_EVIDENCE_VIEWED, supportCase.accountId().orElse(null), from.value(),
                Map.of("support", caseId.toString(), "evidence", evidenceId.toString(), "agent", agent.toString()));
        return Optional.of(new OpenedEvidence(found.get(), content));
    }

    /** Deletes the files of cases decided longer ago than the retention period; returns how many. */
    public int deleteOldEvidence() {
        return evidence.deleteDecidedBefore(clock.instant().minus(policy.retention()));
    }

    private Optional<AccountFacts> facts(AccountId id) {
        return accounts.findById(id).map(account -> {
            List<ChannelFact> known = channels.findByAccount(id).stream()
                    .map(c -> new ChannelFact(c.kind(), c.masked(), c.verifiedAt())).toList();
            List<LoginFact> logins = new ArrayList<>();
            for (AuditEvent event : auditLog.recent(id, 200)) {
                if (SupportService.LOGINS.contains(event.type()) && logins.size() < SupportService.RECENT_LOGINS) {
                    logins.add(new LoginFact(event.at(), event.type(), event.details().getOrDefault("device", ""),
                            SupportService.network(event.clientAddress())));
                }
            }
            return new AccountFacts(account.username(), account.createdAt(), known, logins);
        });
    }
}
