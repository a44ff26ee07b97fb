package dev.aikagi.core.factor.totp;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.RejectReason;
import dev.aikagi.core.factor.Verification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The authenticator-app factor: enrolment and verification of TOTP codes (RFC 6238).
 *
 * <p>A code is accepted for the current time step or one step either side (RFC 6238 §5.2 allows one
 * step back for network delay; one ahead forgives a slightly fast phone clock). Each step is accepted
 * at most once per factor, decided by the repository's conditional update, so a code seen over a
 * shoulder or replayed by a second server node is refused (NIST SP 800-63B-4 §3.1.4.2).
 */
public final class TotpAuthenticator {

    /** Steps accepted either side of the current one. */
    public static final int WINDOW = 1;

    /** The most authenticator apps one account may have at once (issue 17). */
    public static final int MAX_CONFIRMED = 5;

    private final TotpFactorRepository factors;
    private final SecretCipher cipher;
    private final SecretGenerator generator;
    private final TotpParameters parameters;
    private final String issuer;

    public TotpAuthenticator(TotpFactorRepository factors, SecretCipher cipher, SecretGenerator generator,
                             TotpParameters parameters, String issuer) {
        this.factors = Objects.requireNonNull(factors, "factors");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    public boolean isEnrolled(AccountId accountId) {
        return factors.findConfirmed(accountId).isPresent();
    }

    /** The account's authenticator apps, oldest first. */
    public List<AuthenticatorApp> apps(AccountId accountId) {
        return factors.findAllConfirmed(accountId).stream().map(AuthenticatorApp::of).toList();
    }

    /** Whether the account has as many apps as it may have ({@link #MAX_CONFIRMED}). */
    public boolean isFull(AccountId accountId) {
        return factors.findAllConfirmed(accountId).size() >= MAX_CONFIRMED;
    }

    /**
     * Starts (or restarts) enrolment: a fresh 160-bit (SHA-1) or longer key, stored sealed and
     * unconfirmed. The account's current factors keep working, and stay after {@link #confirm}.
     */
    public TotpEnrollment begin(AccountId accountId, String accountName, Instant now) {
        return begin(accountId, accountName, "", now);
    }

    /** {@link #begin(AccountId, String, Instant)} for an app called {@code name} (normalized, may be empty). */
    public TotpEnrollment begin(AccountId accountId, String accountName, String name, Instant now) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(name, "name");
        byte[] key = generator.bytes(parameters.algorithm().keyLength());
        var id = generator.uuid();
        String sealed = cipher.seal(key, TotpFactor.sealingContext(id));
        factors.createPending(new TotpFactor(id, accountId, sealed, parameters, TotpFactor.NO_STEP, now, null, name,
                null));
        java.util.Arrays.fill(key, (byte) 0);
        return enrollment(id, sealed, accountName, parameters);
    }

    /**
     * The enrolment still waiting for its first code, shown again (after a mistyped code the person must not have
     * to start over): the same key and QR code. Empty when nothing is pending.
     */
    public Optional<TotpEnrollment> pending(AccountId accountId, String accountName) {
        Objects.requireNonNull(accountName, "accountName");
        return factors.findPending(accountId)
                .map(f -> enrollment(f.id(), f.sealedSecret(), accountName, f.parameters()));
    }

    /** The name given to the pending enrolment ("" if none, or nothing pending). */
    public String pendingName(AccountId accountId) {
        return factors.findPending(accountId).map(TotpFactor::name).orElse("");
    }

    private TotpEnrollment enrollment(UUID id, String sealed, String accountName, TotpParameters p) {
        byte[] key = cipher.open(sealed, TotpFactor.sealingContext(id));
        String base32 = Base32.encode(key);
        java.util.Arrays.fill(key, (byte) 0);
        return new TotpEnrollment(id, base32, KeyUri.of(issuer, accountName, base32, p));
    }

    /** Finishes enrolment with one code from the app; the account's other apps stay. */
    public Verification confirm(AccountId accountId, String input, Instant now) {
        Optional<TotpFactor> pending = factors.findPending(accountId);
        if (pending.isEmpty()) {
            return Verification.Rejected.of(RejectReason.NOT_ENROLLED);
        }
        TotpFactor factor = pending.get();
        Optional<String> code = normalize(input, factor.parameters().digits());
        if (code.isEmpty()) {
            return Verification.Rejected.of(RejectReason.MALFORMED_INPUT);
        }
        long step = matchingStep(factor, code.get(), now);
        if (step == TotpFactor.NO_STEP) {
            return Verification.Rejected.of(RejectReason.WRONG_CODE);
        }
        return factors.confirm(factor.id(), step, now)
                ? Verification.Accepted.of(FactorKind.TOTP)
                : Verification.Rejected.of(RejectReason.EXPIRED);
    }

    /**
     * Checks a login code against each of the account's apps and spends the time step of the one it came from
     * (each app has its own replay protection). Every app's window is computed and compared, whichever matches,
     * so timing does not tell which app (or whether any) matched.
     */
    public Verification verify(AccountId accountId, String input, Instant now) {
        List<TotpFactor> confirmed = factors.findAllConfirmed(accountId);
        if (confirmed.isEmpty()) {
            return Verification.Rejected.of(RejectReason.NOT_ENROLLED);
        }
        TotpFactor matched = null;
        long matchedStep = TotpFactor.NO_STEP;
        boolean wellFormed = false;
        for (TotpFactor factor : confirmed) {
            Optional<String> code = normalize(input, factor.parameters().digits());
            if (code.isEmpty()) {
                continue;
            }
            wellFormed = true;
            long step = matchingStep(factor, code.get(), now);
            // A fresh (not yet spent) match wins over a spent one, so two apps with equal codes cannot lock out.
            boolean better = step != TotpFactor.NO_STEP
                    && (matched == null || matchedStep <= matched.lastAcceptedStep() && step > factor.lastAcceptedStep());
            matched = better ? factor : matched;
            matchedStep = better ? step : matchedStep;
        }
        if (!wellFormed) {
            return Verification.Rejected.of(RejectReason.MALFORMED_INPUT);
        }
        if (matched == null) {
            return Verification.Rejected.of(RejectReason.WRONG_CODE);
        }
        if (matchedStep <= matched.lastAcceptedStep() || !factors.recordAcceptedStep(matched.id(), matchedStep, now)) {
            return Verification.Rejected.of(RejectReason.ALREADY_USED);
        }
        return Verification.Accepted.of(FactorKind.TOTP);
    }

    /** Removes every authenticator app of the account (two-step verification turned off, or recovery). */
    public void remove(AccountId accountId) {
        factors.deleteAll(accountId);
    }

    /** Removes one app of the account; false when the account has no app with this id. */
    public boolean remove(AccountId accountId, UUID appId) {
        return factors.delete(accountId, appId);
    }

    /** Renames the enrolment waiting for its first code ({@code name} already normalized), if there is one. */
    public void renamePending(AccountId accountId, String name) {
        factors.findPending(accountId).ifPresent(f -> factors.rename(accountId, f.id(), name));
    }

    /**
     * The newest step in the window whose code equals {@code code}, or {@link TotpFactor#NO_STEP}.
     * Every step in the window is computed and compared, so timing does not tell which one matched.
     */
    private long matchingStep(TotpFactor factor, String code, Instant now) {
        byte[] key = cipher.open(factor.sealedSecret(), TotpFactor.sealingContext(factor.id()));
        TotpParameters p = factor.parameters();
        long current = Totp.stepAt(now, p.periodSeconds());
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        String[] window = Totp.hotpRange(key, current - WINDOW, 2 * WINDOW + 1, p.algorithm(), p.digits());
        long match = TotpFactor.NO_STEP;
        for (int i = 0; i < window.length; i++) {
            boolean equal = MessageDigest.isEqual(window[i].getBytes(StandardCharsets.US_ASCII), given);
            match = equal ? current - WINDOW + i : match;
        }
        java.util.Arrays.fill(key, (byte) 0);
        return match;
    }

    /** NFKC (full-width digits), spaces dropped; exactly {@code digits} ASCII digits or empty. */
    static Optional<String> normalize(String input, int digits) {
        if (input == null) {
            return Optional.empty();
        }
        String s = Normalizer.normalize(input, Normalizer.Form.NFKC).replaceAll("[\\s\\-]", "");
        if (s.length() != digits) {
            return Optional.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(s);
    }
}
