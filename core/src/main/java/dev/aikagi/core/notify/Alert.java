package dev.aikagi.core.notify;

import dev.aikagi.core.audit.AuditType;
import java.util.Optional;

/**
 * The security events people are told about on their other channels (on by default). The template
 * names are {@code alert.<template>} in the server's message bundles.
 */
public enum Alert {
    BACKUP_CODE_USED("backup_code_used"),
    BACKUP_CODES_CREATED("backup_codes_created"),
    BACKUP_CODES_VIEWED("backup_codes_viewed"),
    BACKUP_CODES_DOWNLOADED("backup_codes_downloaded"),
    TWO_STEP_ENABLED("two_step_enabled"),
    TWO_STEP_DISABLED("two_step_disabled"),
    METHOD_ADDED("method_added"),
    METHOD_REMOVED("method_removed"),
    PHONE_CHANGED("phone_changed"),
    EMAIL_CHANGED("email_changed"),
    SECOND_FACTOR_FAILED("second_factor_failed"),
    NEW_DEVICE_LOGIN("new_device_login"),
    PASSWORD_CHANGED("password_changed"),
    RECOVERY_STARTED("recovery_started"),
    RECOVERY_CANCELLED("recovery_cancelled"),
    RECOVERY_COMPLETED("recovery_completed"),
    // Issue 18: an operator's "reset two-step".
    TWO_STEP_RESET_REQUESTED("two_step_reset_requested"),
    TWO_STEP_RESET_DONE("two_step_reset_done"),
    TWO_STEP_RESET_CANCELLED("two_step_reset_cancelled");

    private final String template;

    Alert(String template) {
        this.template = template;
    }

    public String template() {
        return template;
    }

    /** The alert an audited event raises, if any. */
    public static Optional<Alert> of(AuditType type) {
        return Optional.ofNullable(switch (type) {
            case BACKUP_CODE_USED -> BACKUP_CODE_USED;
            case BACKUP_CODES_CREATED -> BACKUP_CODES_CREATED;
            case BACKUP_CODES_VIEWED -> BACKUP_CODES_VIEWED;
            case BACKUP_CODES_DOWNLOADED -> BACKUP_CODES_DOWNLOADED;
            case TWO_STEP_ENABLED -> TWO_STEP_ENABLED;
            case TWO_STEP_DISABLED -> TWO_STEP_DISABLED;
            case TOTP_ENROLLED, SMS_LOGIN_ENABLED, PASSKEY_ADDED -> METHOD_ADDED;
            case SMS_LOGIN_DISABLED, TOTP_REMOVED, PASSKEY_REMOVED -> METHOD_REMOVED;
            case PHONE_VERIFIED -> PHONE_CHANGED;
            case EMAIL_VERIFIED -> EMAIL_CHANGED;
            case LOGIN_SECOND_FACTOR_FAILED -> SECOND_FACTOR_FAILED;
            case LOGIN_NEW_DEVICE -> NEW_DEVICE_LOGIN;
            case PASSWORD_CHANGED -> PASSWORD_CHANGED;
            case RECOVERY_WAITING -> RECOVERY_STARTED;
            case RECOVERY_CANCELLED -> RECOVERY_CANCELLED;
            case RECOVERY_COMPLETED -> RECOVERY_COMPLETED;
            case TWO_STEP_RESET_REQUESTED -> TWO_STEP_RESET_REQUESTED;
            case TWO_STEP_RESET_DONE -> TWO_STEP_RESET_DONE;
            case TWO_STEP_RESET_CANCELLED -> TWO_STEP_RESET_CANCELLED;
            default -> null;
        });
    }
}
