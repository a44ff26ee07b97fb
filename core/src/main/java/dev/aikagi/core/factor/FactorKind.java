package dev.aikagi.core.factor;

/**
 * The ways a person proves who they are, with the {@code amr} value (RFC 8176 where one exists)
 * recorded in sessions and tokens.
 */
public enum FactorKind {
    PASSWORD("pwd", false),
    TOTP("otp", true),
    SMS("sms", true),
    BACKUP_CODE("backup_code", true),
    /**
     * Issue 17: a browser or app the account remembered after a second step ("don't ask again on this
     * browser"). It holds a random secret of 128 bits or more the server issued (or the app made), so its
     * {@code amr} is RFC 8176's {@code swk}, "proof-of-possession of a software-secured key". Never enrolled,
     * never asked for: it completes the second step of a login only through
     * {@link dev.aikagi.core.trust.TrustedDevices}.
     */
    REMEMBERED_DEVICE("swk", true),
    /**
     * A passkey (WebAuthn, user verification required): RFC 8176 {@code hwk}, proof of possession of a key kept by
     * an authenticator, and {@code user}, the user's presence and verification on it (issue 17).
     */
    PASSKEY("hwk", true);

    private final String amr;
    private final boolean secondFactor;

    FactorKind(String amr, boolean secondFactor) {
        this.amr = amr;
        this.secondFactor = secondFactor;
    }

    public String amr() {
        return amr;
    }

    /**
     * Every {@code amr} value (RFC 8176 §2) this factor stands for: {@link #amr()}, and for a passkey also
     * {@code user}.
     */
    public java.util.List<String> amrValues() {
        return this == PASSKEY ? java.util.List.of(amr, "user") : java.util.List.of(amr);
    }

    public boolean isSecondFactor() {
        return secondFactor;
    }
}
