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
    REMEMBERED_DEVICE("swk", true);

    private final String amr;
    private final boolean secondFactor;

    FactorKind(String amr, boolean secondFactor) {
        this.amr = amr;
        this.secondFactor = secondFactor;
    }

    public String amr() {
        return amr;
    }

    public boolean isSecondFactor() {
        return secondFactor;
    }
}
