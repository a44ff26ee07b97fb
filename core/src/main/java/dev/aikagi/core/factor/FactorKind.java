package dev.aikagi.core.factor;

/**
 * The ways a person proves who they are, with the {@code amr} value (RFC 8176 where one exists)
 * recorded in sessions and tokens.
 */
public enum FactorKind {
    PASSWORD("pwd", false),
    TOTP("otp", true),
    SMS("sms", true),
    BACKUP_CODE("backup_code", true);

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
