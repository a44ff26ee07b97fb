package dev.aikagi.core.admin;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.contact.ContactChannelRepository;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.factor.totp.TotpAuthenticator;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.settings.TwoStepStatus;
import dev.aikagi.core.store.Transactions;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's two-step methods as an operator sees them and resets them (issue 18, "reset two-step"): for a
 * person who lost their authenticator and proved who they are to the operator some other way. Removing methods
 * ends every session (a session proved with a removed factor must not outlive it) through {@link AdminSessions}.
 */
public final class AdminTwoStep {

    /** What a reset removes. */
    public enum Method {
        ALL("all"), TOTP("totp"), SMS("sms"), BACKUP_CODES("backup-codes"), PASSKEYS("passkeys");

        private final String value;

        Method(String value) {
            this.value = value;
        }

        /** The name in the API, the command line and the database. */
        public String value() {
            return value;
        }

        public static Optional<Method> parse(String text) {
            String name = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            for (Method method : values()) {
                if (method.value.equals(name)) {
                    return Optional.of(method);
                }
            }
            return Optional.empty();
        }
    }

    private final AccountRepository accounts;
    private final TwoStepSettings twoStep;
    private final TotpAuthenticator totp;
    private final BackupCodes backupCodes;
    private final ContactChannelRepository channels;
    private final AdminSessions sessions;
    private final Auditor audit;
    private final Transactions transactions;

    public AdminTwoStep(AccountRepository accounts, TwoStepSettings twoStep, TotpAuthenticator totp,
                        BackupCodes backupCodes, ContactChannelRepository channels, AdminSessions sessions,
                        Auditor audit, Transactions transactions) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.totp = Objects.requireNonNull(totp, "totp");
        this.backupCodes = Objects.requireNonNull(backupCodes, "backupCodes");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** Whether the account has {@code method} (for {@link Method#ALL}: any method at all). */
    static boolean has(TwoStepStatus status, Method method) {
        return switch (method) {
            case ALL -> status.totpEnrolled() || status.smsEnrolled() || status.passkeyEnrolled()
                    || status.backupCodesCreatedAt().isPresent();
            case TOTP -> status.totpEnrolled();
            case SMS -> status.smsEnrolled();
            case BACKUP_CODES -> status.backupCodesCreatedAt().isPresent();
            case PASSKEYS -> status.passkeyEnrolled();
        };
    }

    /** The account's methods and how many backup codes are left. */
    public Outcome<TwoStepStatus, AdminFailure> status(AccountId account) {
        if (accounts.findById(account).isEmpty()) {
            return Outcome.refused(AdminFailure.USER_NOT_FOUND);
        }
        return Outcome.done(twoStep.status(account));
    }

    /**
     * Removes {@code method} (or all of them) now, ends the account's sessions and audits it; the waiting period,
     * when there is one, is over before this is called.
     */
    public Outcome<TwoStepStatus, AdminFailure> removeNow(AccountId account, Method method, String by) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(by, "by");
        return transactions.inTransaction(() -> {
            if (accounts.findById(account).isEmpty()) {
                return Outcome.refused(AdminFailure.USER_NOT_FOUND);
            }
            TwoStepStatus before = twoStep.status(account);
            if (!has(before, method)) {
                return Outcome.refused(AdminFailure.METHOD_NOT_FOUND);
            }
            if (method == Method.ALL || method == Method.TOTP) {
                totp.remove(account);
            }
            if (method == Method.ALL || method == Method.SMS) {
                channels.setSmsLogin(account, false);
            }
            if (method == Method.ALL || method == Method.BACKUP_CODES) {
                backupCodes.remove(account);
            }
            // Issue 17 with 18: passkeys go with "all", and no browser or app skips the second step any more.
            twoStep.resetByOperator(account, method == Method.ALL || method == Method.PASSKEYS);
            sessions.endAll(account, by);
            audit.record(AuditType.TWO_STEP_RESET_DONE, account, null, Map.of("by", by, "method", method.value()));
            return Outcome.done(twoStep.status(account));
        });
    }
}
