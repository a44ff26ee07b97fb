package dev.aikagi.server.oidc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditListener;
import dev.aikagi.core.audit.AuditType;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Applications' tokens end with the login they came from. Logging out of Aikagi (its page, its API or an
 * application's logout: {@link ApplicationTokensOfSession}) revokes the tokens that login gave; an account-wide alarm — every session ended, "this wasn't me",
 * a completed recovery, a new password — revokes every application's tokens for the account, so a stolen
 * refresh token stops working at the moment the owner secures the account.
 */
public final class TokenRevocation implements AuditListener {

    static final Set<AuditType> ACCOUNT_WIDE = Set.of(AuditType.SESSIONS_ENDED, AuditType.ALERT_REPORTED,
            AuditType.RECOVERY_COMPLETED, AuditType.PASSWORD_CHANGED,
            // Two-step verification turned on ends every other session (issue 14): tokens given at AAL1 end too.
            AuditType.TWO_STEP_ENABLED,
            // Issue 18: a disabled account refreshes nothing.
            AuditType.ACCOUNT_DISABLED);

    private final JdbcTemplate jdbc;
    private final BackChannelLogout backChannel;

    TokenRevocation(JdbcTemplate jdbc) {
        this(jdbc, null);
    }

    /** @param backChannel tells the applications that take logout tokens, before their tokens go; or null */
    TokenRevocation(JdbcTemplate jdbc, BackChannelLogout backChannel) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.backChannel = backChannel;
    }

    @Override
    public void recorded(AuditEvent event) {
        if (ACCOUNT_WIDE.contains(event.type()) && event.accountId() != null) {
            revokeAccount(event.accountId());
        }
    }

    /** Every application's tokens for the account; returns how many authorizations ended. */
    public int revokeAccount(AccountId account) {
        if (backChannel != null) {
            backChannel.accountSignedOut(account);
        }
        return jdbc.update("delete from oauth2_authorization where principal_name = ?", account.toString());
    }

    /**
     * The tokens one Aikagi session gave. The session id is stored inside the authorization's attributes (the
     * signed-in person's authorities, {@link LoginFacts}), and ids are UUIDs, so the match is exact.
     */
    public int revokeSession(AccountId account, UUID sessionId) {
        if (backChannel != null) {
            backChannel.sessionEnded(account, sessionId);
        }
        return jdbc.update("delete from oauth2_authorization where principal_name = ? and attributes like ?",
                account.toString(), "%SID_" + sessionId + "%");
    }
}
