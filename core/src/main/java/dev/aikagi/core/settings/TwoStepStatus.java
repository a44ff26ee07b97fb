package dev.aikagi.core.settings;

import java.time.Instant;
import java.util.Optional;

/**
 * What the settings page shows about an account's two-step verification.
 *
 * @param backupCodesCreatedAt when the current set was made, if there is one
 * @param smsDestination the phone that gets login codes, masked, if SMS is a method
 * @param passkeyEnrolled the account has at least one passkey (issue 17)
 */
public record TwoStepStatus(boolean enabled, boolean totpEnrolled, Optional<Instant> backupCodesCreatedAt,
                            int backupCodesTotal, int backupCodesRemaining, boolean smsEnrolled,
                            Optional<String> smsDestination, boolean passkeyEnrolled) {

    /** The status of an account without passkeys. */
    public TwoStepStatus(boolean enabled, boolean totpEnrolled, Optional<Instant> backupCodesCreatedAt,
                         int backupCodesTotal, int backupCodesRemaining, boolean smsEnrolled,
                         Optional<String> smsDestination) {
        this(enabled, totpEnrolled, backupCodesCreatedAt, backupCodesTotal, backupCodesRemaining, smsEnrolled,
                smsDestination, false);
    }

    /**
     * The kinds of second step the account has, as the security checkup names them: {@code app} (an authenticator
     * app), {@code sms}, {@code passkey}. A new kind is one more line here.
     */
    public java.util.List<String> secondStepKinds() {
        java.util.List<String> kinds = new java.util.ArrayList<>();
        if (totpEnrolled) {
            kinds.add("app");
        }
        if (smsEnrolled) {
            kinds.add("sms");
        }
        if (passkeyEnrolled) {
            kinds.add("passkey");
        }
        return java.util.List.copyOf(kinds);
    }
}
