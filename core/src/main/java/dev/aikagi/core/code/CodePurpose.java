package dev.aikagi.core.code;

import java.time.Duration;

/** What a code sent by SMS or email is for, and how long it lives. Names are stored. */
public enum CodePurpose {
    /** A second-factor code at login, bound to the login flow (NIST SP 800-63B-4 §3.1.3.1: ≤ 10 min). */
    LOGIN_SMS(Duration.ofMinutes(10)),
    /** Proves a new phone number, bound to the number. */
    VERIFY_PHONE(Duration.ofMinutes(10)),
    /** Proves a new email address, bound to the address. */
    VERIFY_EMAIL(Duration.ofMinutes(30)),
    /** Recovery proof by email, bound to the recovery case (NIST SP 800-63B-4 §4.2.1.1: ≤ 24 h). */
    RECOVERY_EMAIL(Duration.ofHours(1)),
    /** Recovery proof by SMS, bound to the recovery case (≤ 10 min). */
    RECOVERY_SMS(Duration.ofMinutes(10));

    private final Duration lifetime;

    CodePurpose(Duration lifetime) {
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /**
     * Whether a new code supersedes only the older codes of the same binding, not all of the account's codes of
     * this purpose. True for recovery: a recovery code belongs to its recovery case, and a case someone else
     * starts for the same username must never cancel the owner's code (issue 14).
     */
    public boolean supersedesOnlyItsBinding() {
        return this == RECOVERY_EMAIL || this == RECOVERY_SMS;
    }
}
