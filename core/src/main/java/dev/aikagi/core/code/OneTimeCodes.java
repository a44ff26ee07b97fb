package dev.aikagi.core.code;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.RejectReason;
import dev.aikagi.core.factor.Verification;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Six-digit codes sent by SMS or email: random ({@link SecretGenerator}), short-lived, single use,
 * stored as salted HMAC digests like backup codes.
 *
 * <p>The rule for several sends ("send again"): <b>only the newest code is valid</b>. Each new code
 * supersedes the older ones of the same account and purpose, and an older code, if typed, is refused
 * with {@link RejectReason#SUPERSEDED} so the page can say "use the code from the latest message".
 * Accepting every code sent would multiply an attacker's odds per guess by the number of sends.
 */
public final class OneTimeCodes {

    public static final int LENGTH = 6;

    /** How many recent codes are compared, to tell "superseded" and "already used" from "wrong". */
    private static final int LOOKBACK = 10;

    private final OneTimeCodeRepository repository;
    private final CodeDigester digester;
    private final SecretGenerator generator;

    public OneTimeCodes(OneTimeCodeRepository repository, CodeDigester digester, SecretGenerator generator) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.digester = Objects.requireNonNull(digester, "digester");
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    /** A new code for {@code binding}; the clear code goes into the message and nowhere else. */
    public String issue(AccountId accountId, CodePurpose purpose, String binding, Instant now) {
        String code = generator.digits(LENGTH);
        repository.issue(new OneTimeCode(generator.uuid(), accountId, purpose, binding, digester.digest(code), now,
                now.plus(purpose.lifetime()), null, null));
        return code;
    }

    /** The binding of the newest code still usable, e.g. the phone number waiting to be verified. */
    public Optional<String> pendingBinding(AccountId accountId, CodePurpose purpose, Instant now) {
        return repository.recent(accountId, purpose, 1).stream()
                .filter(c -> c.isUsable(now))
                .map(OneTimeCode::binding)
                .findFirst();
    }

    /** The binding of the newest code of this purpose, usable or not (which address is being verified). */
    public Optional<String> latestBinding(AccountId accountId, CodePurpose purpose) {
        return repository.recent(accountId, purpose, 1).stream().map(OneTimeCode::binding).findFirst();
    }

    /**
     * Checks a typed code against the newest code for {@code binding}. Forgiving input: full-width
     * digits, spaces and hyphens. The counted attempt budget is the caller's (AttemptGuard).
     */
    public Verification verify(AccountId accountId, CodePurpose purpose, String binding, String input,
                               FactorKind factor, Instant now) {
        Optional<String> code = normalize(input);
        if (code.isEmpty()) {
            return Verification.Rejected.of(RejectReason.MALFORMED_INPUT);
        }
        List<OneTimeCode> recent = repository.recent(accountId, purpose, LOOKBACK);
        // Compare with every recent code (constant time each) so the answer's timing does not depend
        // on which one matched.
        OneTimeCode matched = null;
        for (OneTimeCode candidate : recent) {
            if (digester.matches(code.get(), candidate.digest()) && matched == null) {
                matched = candidate;
            }
        }
        if (matched == null) {
            return Verification.Rejected.of(RejectReason.WRONG_CODE);
        }
        if (matched.supersededAt() != null && matched.usedAt() == null) {
            // Also when it was sent for another address or flow: a newer send replaced it.
            return Verification.Rejected.of(RejectReason.SUPERSEDED);
        }
        if (!matched.binding().equals(binding)) {
            return Verification.Rejected.of(RejectReason.WRONG_CODE);
        }
        if (matched.usedAt() != null) {
            return Verification.Rejected.of(RejectReason.ALREADY_USED);
        }
        if (!now.isBefore(matched.expiresAt())) {
            return Verification.Rejected.of(RejectReason.EXPIRED);
        }
        if (!repository.markUsed(matched.id(), now)) {
            // Another request used (or superseded) it between our read and our update.
            return Verification.Rejected.of(RejectReason.ALREADY_USED);
        }
        return Verification.Accepted.of(factor);
    }

    /** Six ASCII digits after NFKC (full-width digits) and dropping spaces and hyphens; else empty. */
    static Optional<String> normalize(String input) {
        if (input == null || input.length() > 32) {
            return Optional.empty();
        }
        String n = Normalizer.normalize(input, Normalizer.Form.NFKC);
        StringBuilder digits = new StringBuilder(LENGTH);
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-' && c != '\u2010' && c != '\u2212' && c != '\u30fc') {
                return Optional.empty();
            }
        }
        return digits.length() == LENGTH ? Optional.of(digits.toString()) : Optional.empty();
    }
}
