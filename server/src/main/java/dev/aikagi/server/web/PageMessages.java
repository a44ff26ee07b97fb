package dev.aikagi.server.web;

import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.core.settings.SettingsProblem;
import java.util.Locale;

/**
 * The message keys of outcomes decided in Java rather than named in a template. Stable: the bundles
 * and {@code MessageBundlesTest} depend on them.
 */
public final class PageMessages {

    private PageMessages() {
    }

    public static String loginFailure(LoginFailure failure) {
        return "error." + failure.code();
    }

    /**
     * The key for a refusal of a code of {@code method} (null when no code was involved): a malformed
     * code says how many digits the method's codes have, and a used TOTP code means waiting for the
     * next one rather than "each code works once". {@code too_many_attempts} takes the time to retry
     * as its argument.
     */
    public static String loginFailure(LoginFailure failure, FactorKind method) {
        return switch (failure) {
            case CODE_MALFORMED -> malformed(method);
            case CODE_ALREADY_USED -> alreadyUsed(method);
            default -> loginFailure(failure);
        };
    }

    /** As {@link #loginFailure(LoginFailure, FactorKind)}, for the settings pages. */
    public static String settingsProblem(SettingsProblem problem, FactorKind method) {
        return switch (problem) {
            case CODE_MALFORMED -> malformed(method);
            case CODE_ALREADY_USED -> alreadyUsed(method);
            default -> settingsProblem(problem);
        };
    }

    /**
     * The refusal of a code of {@code method} with the wrong shape: its text says how many digits the method's
     * codes have (the TOTP text takes the number as {@code {0}}).
     */
    public static Refusal malformedCode(org.springframework.http.HttpStatus status, String code, FactorKind method) {
        String key = malformed(method);
        return key.equals("error.code_malformed.totp")
                ? Refusal.of(status, code, key, dev.aikagi.core.factor.totp.TotpParameters.DEFAULT.digits())
                : Refusal.of(status, code, key);
    }

    private static String malformed(FactorKind method) {
        if (method == null) {
            return "error.code_malformed";
        }
        if (method == FactorKind.SMS) {
            return "error.code_malformed.sms";
        }
        return method == FactorKind.BACKUP_CODE ? "error.code_malformed.backup_code" : "error.code_malformed.totp";
    }

    private static String alreadyUsed(FactorKind method) {
        return method == FactorKind.TOTP ? "error.code_already_used.totp" : "error.code_already_used";
    }

    public static String settingsProblem(SettingsProblem problem) {
        return "error." + problem.code();
    }

    public static String signUpProblem(SignUp.Problem problem) {
        return "signup.error." + problem.name().toLowerCase(Locale.ROOT);
    }

    public static String auditType(AuditType type) {
        return "audit.type." + type.name().toLowerCase(Locale.ROOT);
    }

    /** The method's name in forms and URLs ({@code totp}, {@code backup_code}). */
    public static String methodName(FactorKind kind) {
        return switch (kind) {
            case TOTP -> "totp";
            case BACKUP_CODE -> "backup_code";
            case SMS -> "sms";
            case PASSKEY -> "passkey";
            case PASSWORD -> "password";
            case REMEMBERED_DEVICE -> "remembered_device";
        };
    }

    /** The method a form names, if it is a second factor at all. */
    public static java.util.Optional<FactorKind> secondFactor(String name) {
        if (name == null) {
            return java.util.Optional.empty();
        }
        return switch (name) {
            case "totp" -> java.util.Optional.of(FactorKind.TOTP);
            case "backup_code" -> java.util.Optional.of(FactorKind.BACKUP_CODE);
            case "sms" -> java.util.Optional.of(FactorKind.SMS);
            case "passkey" -> java.util.Optional.of(FactorKind.PASSKEY);
            default -> java.util.Optional.empty();
        };
    }

    /** The human name of a second factor, as on the "try another way" list. */
    public static String methodLabel(FactorKind kind) {
        return "method." + methodName(kind) + ".name";
    }
}
