package dev.aikagi.core.audit;

/** Security events that are recorded (OWASP ASVS 5 16.3.1). Names are stable: stored and exported. */
public enum AuditType {
    ACCOUNT_CREATED,
    LOGIN_PASSWORD_FAILED,
    LOGIN_SECOND_FACTOR_FAILED,
    LOGIN_SUCCEEDED,
    LOGIN_THROTTLED,
    LOGOUT,
    REAUTHENTICATED,
    TOTP_ENROLLED,
    TWO_STEP_ENABLED,
    TWO_STEP_DISABLED,
    BACKUP_CODES_CREATED,
    BACKUP_CODES_VIEWED,
    BACKUP_CODES_DOWNLOADED,
    BACKUP_CODE_USED,
    ACCOUNT_LINKED,
    SESSIONS_ENDED,
    TOTP_REMOVED,
    PHONE_VERIFIED,
    PHONE_REMOVED,
    EMAIL_VERIFIED,
    EMAIL_REMOVED,
    SMS_LOGIN_ENABLED,
    SMS_LOGIN_DISABLED,
    CODE_SENT,
    CODE_SEND_FAILED,
    CODE_SEND_THROTTLED,
    LOGIN_NEW_DEVICE,
    /** Someone followed a notification's "this wasn't me" link: sessions ended, devices forgotten. */
    ALERT_REPORTED,
    PASSWORD_CHANGED,
    RECOVERY_STARTED,
    RECOVERY_CODE_SENT,
    RECOVERY_PROOF_ACCEPTED,
    RECOVERY_PROOF_FAILED,
    /** Enough proof: the waiting period started and every channel is told, with a link to cancel. */
    RECOVERY_WAITING,
    RECOVERY_CANCELLED,
    RECOVERY_COMPLETED,
    /** Someone asked support for help with the account (or with a username that names none). */
    SUPPORT_REQUESTED,
    /** The first of two required approvals; the case stays open. */
    SUPPORT_APPROVAL_ADDED,
    /** Approved: a recovery with a waiting period was started for the account. */
    SUPPORT_APPROVED,
    SUPPORT_REJECTED,
    /** An agent opened a file of a support request. */
    SUPPORT_EVIDENCE_VIEWED,
    /** The requester followed the approval's single-use link. */
    SUPPORT_LINK_USED,
    /** An operator registered an application (OpenID Connect client) on the admin page. */
    APPLICATION_REGISTERED,
    /** An operator removed an application; its tokens stop working. */
    APPLICATION_REMOVED,
    /** A signed-in session that had proved only the password proved a second factor and now counts as AAL2. */
    STEPPED_UP,
    /**
     * An application's refresh token was presented after it had been used (RFC 9700 §4.14.2): someone copied
     * it, and every token of that login was revoked.
     */
    REFRESH_TOKEN_REUSED,
    /** Issue 14 point 4: a sign-up refused by the per-address limit (no password was hashed). */
    SIGN_UP_THROTTLED,
    /** Issue 14 point 4: a text message not sent (region not allowed, the hourly budget, or the address's limit). */
    TEXT_MESSAGE_REFUSED,
    // Issue 14, point 6: roles held in the database.
    /** A role (details: role, by = command or configuration) was granted to the account. */
    ROLE_GRANTED,
    /** A role was taken back from the account. */
    ROLE_REVOKED,
    // Issue 17: trusted devices ("remember this browser").
    /** A login skipped its second step on a trusted browser or app (details: device, the trust's id). */
    LOGIN_TRUSTED_DEVICE,
    /** After a second step, the browser or app was trusted (details: device, kind). */
    TRUSTED_DEVICE_ADDED,
    /** Trust ended (details: device or count, reason: removed, all, password, recovery, not_me, two_step). */
    TRUSTED_DEVICE_REMOVED,
    // Issue 17, security checkup.
    /** The person ended one of their other sessions from the security page or the API. */
    SESSION_ENDED,
    /** The person asked for the account to be deleted (details: due, the time the data goes). */
    ACCOUNT_DELETION_SCHEDULED,
    /** A pending deletion was cancelled (details: by = session or link). */
    ACCOUNT_DELETION_CANCELLED,
    /** The account's data was erased; only audit records without anything that names the person remain. */
    ACCOUNT_ERASED,
    // Issue 17: passkeys.
    /** A passkey was added (details: method = hwk); tells the owner on the other channels, as a new app does. */
    PASSKEY_ADDED,
    /** A passkey was removed (details: method = hwk). */
    PASSKEY_REMOVED,
    /**
     * A passkey's answer was refused because its signature counter did not grow (WebAuthn §6.1.1): a replay, or a
     * copy of the credential in use elsewhere.
     */
    PASSKEY_REJECTED,
    // Issue 18: the admin API and command line.
    /** An operator disabled the account (details: by): its sessions and applications' tokens ended. */
    ACCOUNT_DISABLED,
    /** An operator enabled a disabled account again. */
    ACCOUNT_ENABLED,
    /** The right password (or a second factor) of a disabled account: the login was refused. */
    LOGIN_REFUSED_DISABLED,
    /** An admin client called the admin API (details: client, operation). */
    ADMIN_CALL,
    /** An operator created the account (details: by, invited). */
    ACCOUNT_CREATED_BY_ADMIN,
    /** An operator ordered a two-step reset (details: method, waitingUntil or immediately). */
    TWO_STEP_RESET_REQUESTED,
    /** A two-step reset took effect: the methods were removed. */
    TWO_STEP_RESET_DONE,
    /** The person cancelled a two-step reset through the link they were sent. */
    TWO_STEP_RESET_CANCELLED,
    /** An operator ended one session of the account. */
    SESSION_ENDED_BY_ADMIN,
    /** Users were imported (details: imported, skipped). */
    USERS_IMPORTED,
    /** An invitation link was sent to a new user (details: by); the token is never recorded. */
    INVITATION_SENT,
    /** A person used their invitation link and set a password. */
    INVITATION_USED
}
