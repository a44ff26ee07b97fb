package dev.aikagi.core.factor.passkey;

import dev.aikagi.core.Outcome;
import java.util.Optional;

/**
 * The cryptographic checks of the two WebAuthn ceremonies (W3C WebAuthn Level 3 §7.1 and §7.2), done by a
 * maintained library outside the core (the server's webauthn4j adapter): parsing the JSON forms, CBOR and COSE,
 * and checking the origin, the RP id hash, the challenge given, the flags and the signature. The rules around them
 * (which challenge, used once, bound to what; the counter; user verification required) are the core's, in
 * {@link Passkeys}.
 */
public interface PasskeyCeremonies {

    /** What a response says before it is checked: the challenge it answers and, for a login, which credential. */
    record Claimed(String challenge, Optional<String> credentialId, Optional<String> userHandle) {
    }

    /** A registration the checks accepted. */
    record Registered(String credentialId, String publicKey, long signCount, boolean userVerified) {
    }

    /** An assertion the checks accepted: the counter it carries and whether the user was verified. */
    record Asserted(long signCount, boolean userVerified) {
    }

    /** Why a response was refused (for the audit record only; the person sees one message). */
    enum Invalid {
        MALFORMED, ORIGIN, RP_ID, CHALLENGE, SIGNATURE, USER_VERIFICATION, COUNTER, OTHER
    }

    /** The challenge of a RegistrationResponseJSON or AuthenticationResponseJSON, if it can be read. */
    Optional<Claimed> read(String responseJson);

    /** Checks a RegistrationResponseJSON against {@code challenge} (attestation "none" accepted). */
    Outcome<Registered, Invalid> verifyRegistration(String responseJson, String challenge);

    /** Checks an AuthenticationResponseJSON against {@code challenge} and the stored {@code passkey}. */
    Outcome<Asserted, Invalid> verifyAssertion(String responseJson, String challenge, Passkey passkey);
}
