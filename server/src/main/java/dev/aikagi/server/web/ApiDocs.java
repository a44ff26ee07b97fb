package dev.aikagi.server.web;

import dev.aikagi.core.settings.TwoStepStatus;
import java.util.ArrayList;
import java.util.List;

/** What the OpenAPI document says alike for several journeys' operations, and the shapes they answer alike. */
public final class ApiDocs {

    /** The refusal every operation that changes what protects the account documents (issue 14). */
    public static final String SECOND_FACTOR_REQUIRED = "Problem `second_factor_required` when two-step verification is"
            + " on and this session proved only the password (assurance AAL1): step up first with POST /api/v1/me/step-up"
            + " and /api/v1/me/step-up/verify. Also `reauthentication_required` when the sign-in is older than 10 minutes"
            + " and the password was not entered again, and `recovery_session_limited` for what a recovery session may"
            + " not do.";

    /**
     * A wrong code or password inside a valid session: 422, never 401, so that an app that signs out on 401 does
     * not sign its user out for a typo (issue 16).
     */
    public static final String WRONG_SECRET = "Problem `password_wrong`, `code_invalid`, `code_already_used`,"
            + " `code_from_replaced_set`, `code_expired` or `code_superseded`: the session stays valid (401 means only"
            + " that the request has no valid session).";

    /** A code sent too soon or too often (issue 17: the cool-down answers {@code nextSendAt}). */
    public static final String TOO_MANY_SENDS = "Problem `too_many_sends`, with `retryAt` and Retry-After. Within the"
            + " 30-second cool-down after a code was sent (\"send again\" too soon) it also has `nextSendAt`, the instant"
            + " another code may be asked for: show a countdown. Without `nextSendAt` an hourly budget is spent: offer"
            + " another method.";

    /** Problem documents are {@code application/problem+json}. */
    public static final String PROBLEM = "application/problem+json";

    private ApiDocs() {
    }

    /** The second-step methods the account has, by their API names, in the order the API has always listed them. */
    public static List<String> methods(TwoStepStatus status) {
        List<String> methods = new ArrayList<>();
        if (status.totpEnrolled()) {
            methods.add(PageMessages.methodName(dev.aikagi.core.factor.FactorKind.TOTP));
        }
        if (status.smsEnrolled()) {
            methods.add(PageMessages.methodName(dev.aikagi.core.factor.FactorKind.SMS));
        }
        if (status.passkeyEnrolled()) {
            methods.add(PageMessages.methodName(dev.aikagi.core.factor.FactorKind.PASSKEY));
        }
        if (status.backupCodesCreatedAt().isPresent()) {
            methods.add(PageMessages.methodName(dev.aikagi.core.factor.FactorKind.BACKUP_CODE));
        }
        return methods;
    }
}
