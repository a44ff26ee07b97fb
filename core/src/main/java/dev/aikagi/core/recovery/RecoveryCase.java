package dev.aikagi.core.recovery;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One account recovery. A case is stored for unknown usernames too ({@code accountId} empty), so that
 * known and unknown accounts take the same path and leave the same traces in the answers.
 *
 * @param tokenHash the SHA-256 of the case's recovery token ({@link RecoveryTokens}): only whoever holds the
 *     token can read or continue the case; empty for a case stored before tokens existed (nobody can use it)
 * @param subject what the rate limits count by: the canonical username typed, for known and unknown alike
 * @param expiresAt proofs must be given before it; once waiting, the case must be completed before it
 * @param waitingUntil set once, when the proofs suffice; null before
 */
public record RecoveryCase(UUID id, String tokenHash, Optional<AccountId> accountId, String subject, Instant createdAt,
                           Instant expiresAt,
                           Instant emailProvenAt, Instant smsProvenAt, Instant passwordProvenAt,
                           Instant waitingUntil, Instant cancelledAt, Instant completedAt) {

    public RecoveryCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public static RecoveryCase open(UUID id, String tokenHash, Optional<AccountId> accountId, String subject,
                                    Instant now, Instant expiresAt) {
        return new RecoveryCase(id, tokenHash, accountId, subject, now, expiresAt, null, null, null, null, null, null);
    }

    public RecoveryState state(Instant now) {
        if (completedAt != null) {
            return RecoveryState.COMPLETED;
        }
        if (cancelledAt != null) {
            return RecoveryState.CANCELLED;
        }
        if (!now.isBefore(expiresAt)) {
            return RecoveryState.EXPIRED;
        }
        if (waitingUntil == null) {
            return RecoveryState.NEEDS_MORE_PROOF;
        }
        return now.isBefore(waitingUntil) ? RecoveryState.WAITING : RecoveryState.READY;
    }

    public Set<Proof> proofs() {
        Set<Proof> proofs = EnumSet.noneOf(Proof.class);
        if (emailProvenAt != null) {
            proofs.add(Proof.EMAIL);
        }
        if (smsProvenAt != null) {
            proofs.add(Proof.SMS);
        }
        if (passwordProvenAt != null) {
            proofs.add(Proof.PASSWORD);
        }
        return proofs;
    }

    /**
     * The rule (NIST SP 800-63B-4 §4.2.1): codes from two different registered channels, or one such code
     * plus the password. The password alone never suffices, and neither does one channel twice.
     */
    public static boolean sufficient(Set<Proof> proofs) {
        int channels = (proofs.contains(Proof.EMAIL) ? 1 : 0) + (proofs.contains(Proof.SMS) ? 1 : 0);
        return channels >= 2 || (channels == 1 && proofs.contains(Proof.PASSWORD));
    }

    @Override
    public String toString() {
        return "RecoveryCase[" + id + ", proofs=" + proofs() + "]";
    }
}
