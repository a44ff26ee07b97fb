package dev.aikagi.core.factor.passkey;

import dev.aikagi.core.Outcome;
import java.util.Optional;

/**
 * The WebAuthn checks stood in for by a text of fields {@code challenge|credentialId|userHandle|signCount|uv|fault}
 * ({@link #response}): the core's rules are tested with it; the real checks (webauthn4j) are the server's tests'.
 */
public final class FakeCeremonies implements PasskeyCeremonies {

    /** A response; {@code fault} is a reason the library would refuse it for, or null. */
    public static String response(String challenge, String credentialId, String userHandle, long signCount,
                                  boolean userVerified, Invalid fault) {
        return String.join("|", challenge, credentialId, userHandle == null ? "" : userHandle,
                String.valueOf(signCount), String.valueOf(userVerified), fault == null ? "" : fault.name());
    }

    @Override
    public Optional<Claimed> read(String responseJson) {
        String[] f = fields(responseJson);
        if (f == null) {
            return Optional.empty();
        }
        return Optional.of(new Claimed(f[0], Optional.of(f[1]).filter(s -> !s.isEmpty()),
                Optional.of(f[2]).filter(s -> !s.isEmpty())));
    }

    @Override
    public Outcome<Registered, Invalid> verifyRegistration(String responseJson, String challenge) {
        String[] f = fields(responseJson);
        if (f == null || !f[0].equals(challenge)) {
            return Outcome.refused(Invalid.CHALLENGE);
        }
        if (!f[5].isEmpty()) {
            return Outcome.refused(Invalid.valueOf(f[5]));
        }
        return Outcome.done(new Registered(f[1], "pk-" + f[1], Long.parseLong(f[3]), Boolean.parseBoolean(f[4])));
    }

    @Override
    public Outcome<Asserted, Invalid> verifyAssertion(String responseJson, String challenge, Passkey passkey) {
        String[] f = fields(responseJson);
        if (f == null || !f[0].equals(challenge) || !passkey.publicKey().equals("pk-" + f[1])) {
            return Outcome.refused(Invalid.SIGNATURE);
        }
        if (!f[5].isEmpty()) {
            return Outcome.refused(Invalid.valueOf(f[5]));
        }
        return Outcome.done(new Asserted(Long.parseLong(f[3]), Boolean.parseBoolean(f[4])));
    }

    private static String[] fields(String text) {
        if (text == null) {
            return null;
        }
        String[] f = text.split("\\|", -1);
        return f.length == 6 ? f : null;
    }
}
