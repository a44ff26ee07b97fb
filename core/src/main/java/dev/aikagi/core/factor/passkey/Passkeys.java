package dev.aikagi.core.factor.passkey;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.SecretGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Passkeys as a factor (W3C WebAuthn Level 3; NIST SP 800-63B-4 §3.1.7 multi-factor cryptographic authenticator when
 * the user is verified): the rules around the two ceremonies, whose cryptographic checks are the
 * {@link PasskeyCeremonies}' (a library outside the core).
 *
 * <ul>
 *   <li>Every challenge is 32 random bytes (§13.4.3), bound to what asked for it and to its purpose, and used once:
 *       one conditional update, whatever the response then turns out to be, so a response can never be replayed
 *       against the same challenge.</li>
 *   <li>User verification is required in both ceremonies (the options ask for it; a response without the UV flag is
 *       refused), so the passkey alone is two factors and may be a login of its own.</li>
 *   <li>The signature counter (§6.1.1): when either the stored or the presented counter is not zero, the presented
 *       one must be greater; otherwise the credential may be cloned and the login is refused. The new counter is
 *       stored only if the old one is still stored (one conditional update).</li>
 *   <li>The user handle is 32 random bytes per account, never its id or its name.</li>
 * </ul>
 */
public final class Passkeys implements PasskeyEnrollment {

    /** Options of a registration: what {@code navigator.credentials.create} needs besides the RP's own values. */
    public record RegistrationOptions(String challenge, String userHandle, String userName,
                                      List<String> excludeCredentials) {
    }

    /** Options of an assertion; {@code allowCredentials} is empty for a discoverable login (a passkey alone). */
    public record AssertionOptions(String challenge, List<String> allowCredentials) {
    }

    private static final int CHALLENGE_BYTES = 32;
    private static final int USER_HANDLE_BYTES = 32;

    private final PasskeyRepository passkeys;
    private final PasskeyChallengeRepository challenges;
    private final PasskeyCeremonies ceremonies;
    private final SecretGenerator generator;

    public Passkeys(PasskeyRepository passkeys, PasskeyChallengeRepository challenges, PasskeyCeremonies ceremonies,
                    SecretGenerator generator) {
        this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
        this.challenges = Objects.requireNonNull(challenges, "challenges");
        this.ceremonies = Objects.requireNonNull(ceremonies, "ceremonies");
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    @Override
    public boolean isEnrolled(AccountId accountId) {
        return !passkeys.list(accountId).isEmpty();
    }

    @Override
    public int count(AccountId accountId) {
        return passkeys.list(accountId).size();
    }

    @Override
    public int removeAll(AccountId accountId) {
        return passkeys.deleteAll(accountId);
    }

    public List<Passkey> list(AccountId accountId) {
        return passkeys.list(accountId);
    }

    public boolean remove(AccountId accountId, java.util.UUID id) {
        return passkeys.delete(accountId, id);
    }

    /** Starts adding a passkey to the account: a new challenge bound to {@code binding} (the session). */
    public RegistrationOptions beginRegistration(AccountId accountId, String userName, String binding, Instant now) {
        String handle = passkeys.userHandle(accountId, random(USER_HANDLE_BYTES));
        String challenge = newChallenge(PasskeyChallenge.Purpose.REGISTRATION, binding, Optional.of(accountId), now);
        List<String> exclude = passkeys.list(accountId).stream().map(Passkey::credentialId).toList();
        return new RegistrationOptions(challenge, handle, userName, exclude);
    }

    /**
     * Finishes adding a passkey: the response must answer an unused challenge this binding asked for, pass the
     * ceremony's checks and carry user verification. {@code name} is cut to {@link Passkey#MAX_NAME}.
     */
    public Outcome<Passkey, PasskeyCeremonies.Invalid> register(AccountId accountId, String binding, String responseJson,
                                                                String name, Instant now) {
        Optional<PasskeyCeremonies.Claimed> claimed = ceremonies.read(responseJson);
        if (claimed.isEmpty()) {
            return Outcome.refused(PasskeyCeremonies.Invalid.MALFORMED);
        }
        String challenge = claimed.get().challenge();
        if (!challenges.consume(challenge, PasskeyChallenge.Purpose.REGISTRATION, binding, now)) {
            return Outcome.refused(PasskeyCeremonies.Invalid.CHALLENGE);
        }
        Outcome<PasskeyCeremonies.Registered, PasskeyCeremonies.Invalid> checked =
                ceremonies.verifyRegistration(responseJson, challenge);
        if (checked instanceof Outcome.Refused<PasskeyCeremonies.Registered, PasskeyCeremonies.Invalid> refused) {
            return refused.recast();
        }
        PasskeyCeremonies.Registered registered = ((Outcome.Done<PasskeyCeremonies.Registered,
                PasskeyCeremonies.Invalid>) checked).value();
        if (!registered.userVerified()) {
            return Outcome.refused(PasskeyCeremonies.Invalid.USER_VERIFICATION);
        }
        Passkey passkey = new Passkey(generator.uuid(), accountId, registered.credentialId(), registered.publicKey(),
                registered.signCount(), cleanName(name), now, Optional.empty());
        return passkeys.create(passkey) ? Outcome.done(passkey) : Outcome.refused(PasskeyCeremonies.Invalid.OTHER);
    }

    /**
     * Starts an assertion bound to {@code binding} (the login flow): for a known account its passkeys are listed
     * ({@code allowCredentials}); for a login with a passkey alone none are (discoverable credentials).
     */
    public AssertionOptions beginAssertion(PasskeyChallenge.Purpose purpose, String binding, Optional<AccountId> accountId,
                                           Instant now) {
        String challenge = newChallenge(purpose, binding, accountId, now);
        List<String> allow = accountId.map(a -> passkeys.list(a).stream().map(Passkey::credentialId).toList())
                .orElse(List.of());
        return new AssertionOptions(challenge, allow);
    }

    /**
     * Checks an assertion: its challenge must be an unused one of this purpose and binding (used up here, whatever
     * follows), its credential a registered passkey (of {@code expected}'s account when that is given; its user
     * handle, when sent, the account's), the ceremony's checks must pass with user verification, and the counter
     * must grow. Returns the passkey as now stored (its new counter and last use).
     */
    public Outcome<Passkey, PasskeyCeremonies.Invalid> verifyAssertion(PasskeyChallenge.Purpose purpose, String binding,
                                                                       Optional<AccountId> expected, String responseJson,
                                                                       Instant now) {
        Optional<PasskeyCeremonies.Claimed> claimed = ceremonies.read(responseJson);
        if (claimed.isEmpty() || claimed.get().credentialId().isEmpty()) {
            return Outcome.refused(PasskeyCeremonies.Invalid.MALFORMED);
        }
        String challenge = claimed.get().challenge();
        if (!challenges.consume(challenge, purpose, binding, now)) {
            return Outcome.refused(PasskeyCeremonies.Invalid.CHALLENGE);
        }
        Optional<Passkey> found = passkeys.findByCredentialId(claimed.get().credentialId().get());
        if (found.isEmpty() || expected.isPresent() && !found.get().accountId().equals(expected.get())) {
            return Outcome.refused(PasskeyCeremonies.Invalid.OTHER);
        }
        Passkey passkey = found.get();
        Optional<String> handle = claimed.get().userHandle();
        if (handle.isPresent() && !passkeys.findByUserHandle(handle.get()).equals(Optional.of(passkey.accountId()))) {
            return Outcome.refused(PasskeyCeremonies.Invalid.OTHER);
        }
        Outcome<PasskeyCeremonies.Asserted, PasskeyCeremonies.Invalid> checked =
                ceremonies.verifyAssertion(responseJson, challenge, passkey);
        if (checked instanceof Outcome.Refused<PasskeyCeremonies.Asserted, PasskeyCeremonies.Invalid> refused) {
            return refused.recast();
        }
        PasskeyCeremonies.Asserted asserted = ((Outcome.Done<PasskeyCeremonies.Asserted,
                PasskeyCeremonies.Invalid>) checked).value();
        if (!asserted.userVerified()) {
            return Outcome.refused(PasskeyCeremonies.Invalid.USER_VERIFICATION);
        }
        if (!counterGrew(passkey.signCount(), asserted.signCount())
                || !passkeys.recordUse(passkey.id(), passkey.signCount(), asserted.signCount(), now)) {
            return Outcome.refused(PasskeyCeremonies.Invalid.COUNTER);
        }
        return Outcome.done(new Passkey(passkey.id(), passkey.accountId(), passkey.credentialId(), passkey.publicKey(),
                asserted.signCount(), passkey.name(), passkey.createdAt(), Optional.of(now)));
    }

    /**
     * The account of the registered credential an answer names, before anything of it is checked: only for counting
     * attempts on that account's budget, never for a decision.
     */
    public Optional<AccountId> claimedAccount(String responseJson) {
        return ceremonies.read(responseJson).flatMap(PasskeyCeremonies.Claimed::credentialId)
                .flatMap(passkeys::findByCredentialId).map(Passkey::accountId);
    }

    /**
     * WebAuthn §6.1.1 and §7.2 step 22: an authenticator without a counter sends 0 every time; once either side is
     * not 0, the presented counter must be greater than the stored one.
     */
    static boolean counterGrew(long stored, long presented) {
        return stored == 0 && presented == 0 || presented > stored;
    }

    private String newChallenge(PasskeyChallenge.Purpose purpose, String binding, Optional<AccountId> accountId,
                                Instant now) {
        String challenge = random(CHALLENGE_BYTES);
        challenges.create(new PasskeyChallenge(challenge, purpose, binding, accountId, now,
                now.plus(PasskeyChallenge.LIFETIME)));
        return challenge;
    }

    private String random(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(generator.bytes(bytes));
    }

    private static String cleanName(String name) {
        String stripped = name == null ? "" : name.strip().replaceAll("\\p{Cntrl}", "");
        if (stripped.isEmpty()) {
            stripped = "Passkey";
        }
        return stripped.codePointCount(0, stripped.length()) > Passkey.MAX_NAME
                ? stripped.substring(0, stripped.offsetByCodePoints(0, Passkey.MAX_NAME))
                : stripped;
    }
}
