package dev.aikagi.core.factor.backup;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.KeyedDigest;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.RejectReason;
import dev.aikagi.core.factor.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * The backup-code factor (NIST SP 800-63B "look-up secrets"): sets of one-time 8-digit codes.
 *
 * <p>Each code is 8 uniformly drawn decimal digits (26.6 bits; NIST-4 §3.1.2.1 asks ≥ 20), stored as a
 * per-code salted HMAC-SHA-256 under a pepper outside the database (§3.1.2.2) and, unless the operator
 * chose "show once", also sealed with AES-256-GCM so the owner can see the set again after re-entering
 * the password. A code is spent by one conditional update; of two concurrent uses exactly one wins.
 */
public final class BackupCodes {

    /** How many replaced sets are remembered to say "from a set that was replaced". */
    public static final int REMEMBERED_REPLACED_SETS = 5;

    private final BackupCodeRepository repository;
    private final CodeDigester digester;
    private final SecretCipher cipher;
    private final SecretGenerator generator;
    private final BackupCodePolicy policy;

    public BackupCodes(BackupCodeRepository repository, CodeDigester digester, SecretCipher cipher,
                       SecretGenerator generator, BackupCodePolicy policy) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.digester = Objects.requireNonNull(digester, "digester");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public BackupCodePolicy policy() {
        return policy;
    }

    /**
     * Makes a new set and makes it current, invalidating every older code at once. The returned codes
     * are the only plain-text copy.
     */
    public IssuedBackupCodes issue(AccountId accountId, Instant now) {
        Objects.requireNonNull(accountId, "accountId");
        Set<String> distinct = new HashSet<>();
        List<String> codes = new ArrayList<>(policy.setSize());
        while (codes.size() < policy.setSize()) {
            String code = generator.digits(BackupCodeFormat.LENGTH);
            // Two equal codes in one set would make one of them unusable after the other is spent.
            if (distinct.add(code)) {
                codes.add(code);
            }
        }
        UUID setId = generator.uuid();
        List<StoredBackupCode> stored = new ArrayList<>(codes.size());
        for (int i = 0; i < codes.size(); i++) {
            UUID codeId = generator.uuid();
            String code = codes.get(i);
            String sealed = policy.showOnce() ? null
                    : cipher.seal(code.getBytes(StandardCharsets.US_ASCII), StoredBackupCode.sealingContext(codeId));
            stored.add(new StoredBackupCode(codeId, i, digester.digest(code), sealed, null));
        }
        repository.replace(new BackupCodeSet(setId, accountId, now, stored));
        return new IssuedBackupCodes(setId, now, codes);
    }

    public boolean hasCodes(AccountId accountId) {
        return repository.findCurrent(accountId).isPresent();
    }

    public int remaining(AccountId accountId) {
        return repository.countUnused(accountId);
    }

    /**
     * The current set for the settings page. Codes are decrypted only when the operator allows showing
     * them again; the caller must have re-checked the password (and audits the showing).
     */
    public Optional<BackupCodeView> view(AccountId accountId, boolean includeCodes) {
        return repository.findCurrent(accountId).map(set -> {
            boolean revealable = !policy.showOnce() && set.codes().stream().allMatch(c -> c.sealed() != null);
            List<BackupCodeView.Entry> entries = set.codes().stream().map(c -> new BackupCodeView.Entry(
                    c.position(),
                    includeCodes && revealable ? Optional.of(BackupCodeFormat.display(open(c))) : Optional.empty(),
                    Optional.ofNullable(c.usedAt()))).toList();
            return new BackupCodeView(set.createdAt(), entries, revealable);
        });
    }

    /**
     * Checks a typed code and spends it. Rejections tell the person what happened (the caller has
     * already verified the password, so this does not reveal anything about unknown accounts):
     * malformed input, wrong code, already used, from a replaced set, or no codes at all.
     */
    public Verification verify(AccountId accountId, String input, Instant now) {
        Optional<String> normalized = BackupCodeFormat.normalize(input);
        if (normalized.isEmpty()) {
            return Verification.Rejected.of(RejectReason.MALFORMED_INPUT);
        }
        Optional<BackupCodeSet> current = repository.findCurrent(accountId);
        if (current.isEmpty()) {
            return Verification.Rejected.of(RejectReason.NO_CODES);
        }
        String code = normalized.get();
        BackupCodeSet set = current.get();
        StoredBackupCode match = null;
        // Compare with every code of the set, used ones included, without stopping at a match: the time
        // taken does not depend on which code (if any) matched.
        for (StoredBackupCode candidate : set.codes()) {
            boolean equal = digester.matches(code, candidate.digest());
            match = equal ? candidate : match;
        }
        if (match == null) {
            return matchesReplacedSet(accountId, code)
                    ? Verification.Rejected.of(RejectReason.REPLACED_SET)
                    : Verification.Rejected.of(RejectReason.WRONG_CODE);
        }
        if (match.isUsed()) {
            return Verification.Rejected.of(RejectReason.ALREADY_USED);
        }
        if (!repository.consume(match.id(), now)) {
            // Lost a race: another request spent this code, or a new set replaced this one meanwhile.
            boolean stillCurrent = repository.findCurrent(accountId).map(s -> s.id().equals(set.id())).orElse(false);
            return Verification.Rejected.of(stillCurrent ? RejectReason.ALREADY_USED : RejectReason.REPLACED_SET);
        }
        return new Verification.Accepted(FactorKind.BACKUP_CODE, OptionalInt.of(repository.countUnused(accountId)));
    }

    /** Removes every set of the account (two-step verification turned off). */
    public void remove(AccountId accountId) {
        repository.deleteAll(accountId);
    }

    private boolean matchesReplacedSet(AccountId accountId, String code) {
        boolean found = false;
        for (KeyedDigest digest : repository.findReplacedDigests(accountId, REMEMBERED_REPLACED_SETS)) {
            found |= digester.matches(code, digest);
        }
        return found;
    }

    private String open(StoredBackupCode code) {
        return new String(cipher.open(code.sealed(), StoredBackupCode.sealingContext(code.id())), StandardCharsets.US_ASCII);
    }
}
