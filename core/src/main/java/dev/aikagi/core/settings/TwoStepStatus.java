package dev.aikagi.core.settings;

import java.time.Instant;
import java.util.Optional;

/**
 * What the settings page shows about an account's two-step verification.
 *
 * @param backupCodesCreatedAt when the current set was made, if there is one
 * @param smsDestination the phone that gets login codes, masked, if SMS is a method
 */
public record TwoStepStatus(boolean enabled, boolean totpEnrolled, Optional<Instant> backupCodesCreatedAt,
                            int backupCodesTotal, int backupCodesRemaining, boolean smsEnrolled,
                            Optional<String> smsDestination) {
}
