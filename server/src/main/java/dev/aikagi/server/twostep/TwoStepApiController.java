package dev.aikagi.server.twostep;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.BackupCodeView;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.totp.AuthenticatorApp;
import dev.aikagi.core.factor.totp.TotpEnrollment;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.core.settings.StepUp;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.settings.TwoStepStatus;
import dev.aikagi.server.web.ApiDocs;
import dev.aikagi.server.web.ApiException;
import dev.aikagi.server.web.ApiRequests;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.PasskeyOptions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The signed-in account's two-step verification, for apps: the authenticator, backup codes, removing a method,
 * turning two-step verification off, and the step-up to AAL2. Refusals: {@link TwoStepFailures}.
 */
@RestController
@RequestMapping("/api/v1/me")
class TwoStepApiController {

    record StepUpRequest(String method) {
    }

    /** {@code credential}: for method passkey, the authenticator's AuthenticationResponseJSON (no code then). */
    record StepUpVerifyRequest(String method, String code, JsonNode credential) {
    }

    /** {@code publicKey}: for method passkey, PublicKeyCredentialRequestOptionsJSON bound to this session. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StepUpStarted(List<String> methods, String method, String destination, Instant nextSendAt,
                         Map<String, Object> publicKey) {
    }

    record SteppedUp(String assurance, List<String> amr) {
    }

    record PasswordRequest(String password) {
    }

    record CodeRequest(String code, String name) {
    }

    record NameRequest(String name) {
    }

    /** One authenticator app: {@code name} is empty when none was given; {@code lastUsedAt} null if never used. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AuthenticatorItem(UUID id, String name, Instant createdAt, Instant lastUsedAt) {
        static AuthenticatorItem of(AuthenticatorApp app) {
            return new AuthenticatorItem(app.id(), app.name(), app.createdAt(), app.lastUsedAt().orElse(null));
        }
    }

    record Authenticators(List<AuthenticatorItem> authenticators, int max) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DisableCodeSent(String method, String destination, Instant nextSendAt) {
    }

    record DisableRequest(String password, String method, String code) {
    }

    record RemoveMethodRequest(String method, String password) {
    }

    record TwoStep(boolean enabled, List<String> methods) {
        static TwoStep of(TwoStepStatus status) {
            return new TwoStep(status.enabled(), ApiDocs.methods(status));
        }
    }

    record TotpStart(String secret, String otpauthUri) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TotpConfirmed(boolean twoStepEnabled, NewCodes backupCodes) {
    }

    record NewCodes(List<String> codes, Instant createdAt) {
        static NewCodes of(IssuedBackupCodes issued) {
            return new NewCodes(issued.displayed(), issued.createdAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BackupCodesStatus(Instant createdAt, int total, int remaining) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ShownCode(int position, String code, boolean used, Instant usedAt) {
    }

    record ShownCodes(Instant createdAt, List<ShownCode> codes) {
    }

    private final TwoStepSettings settings;
    private final StepUp stepUp;
    private final PasskeyOptions passkeyOptions;

    TwoStepApiController(TwoStepSettings settings, StepUp stepUp, PasskeyOptions passkeyOptions) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.stepUp = Objects.requireNonNull(stepUp, "stepUp");
        this.passkeyOptions = Objects.requireNonNull(passkeyOptions, "passkeyOptions");
    }

    /** Removes one method ("totp" or "sms") while another stays; the last one is removed by disabling. */
    @ApiResponse(responseCode = "200", description = "The method was removed")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "422", description = ApiDocs.WRONG_SECRET, content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/two-step/remove-method")
    TwoStep removeMethod(@RequestBody RemoveMethodRequest body, HttpServletRequest request) {
        FactorKind method = ApiRequests.method(body.method());
        TwoStepStatus status = unwrap(settings.removeMethod(CurrentSession.required(), method,
                ApiRequests.required(body.password(), "password"), ClientAddresses.of(request)), null);
        return TwoStep.of(status);
    }

    @Operation(summary = "Start adding an authenticator app (optional \"name\", e.g. \"work phone\"); the account's"
            + " other apps keep working")
    @ApiResponse(responseCode = "200", description = "The new key")
    @ApiResponse(responseCode = "400", description = "Problem `authenticator_name_invalid`: the name is longer than 40"
            + " characters.", content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "409", description = "Problem `too_many_authenticators`: the account has 5 apps;"
            + " remove one first.", content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/totp")
    TotpStart startTotp(@RequestBody(required = false) NameRequest body) {
        String name = body == null ? null : body.name();
        TotpEnrollment enrollment = unwrap(settings.startTotp(CurrentSession.required(), name), null);
        return new TotpStart(enrollment.base32Secret(), enrollment.keyUri());
    }

    /** The account's authenticator apps, oldest first. */
    @Operation(summary = "List the authenticator apps: id, name, when added, when last used")
    @ApiResponse(responseCode = "200", description = "The apps (an empty list when there are none)")
    @GetMapping("/authenticators")
    Authenticators authenticators() {
        return new Authenticators(settings.authenticators(CurrentSession.required().accountId()).stream()
                .map(AuthenticatorItem::of).toList(), dev.aikagi.core.factor.totp.TotpAuthenticator.MAX_CONFIRMED);
    }

    /**
     * Removes one authenticator app after the password ({@code {"password": "…"}} in the body), as
     * /two-step/remove-method does; the owner is told on the other channels. The account's last second step is
     * not removed here (409 {@code last_method}): turn two-step verification off instead.
     */
    @Operation(summary = "Remove one authenticator app (body: password)")
    @ApiResponse(responseCode = "200", description = "The app was removed; two-step status")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "404", description = "Problem `authenticator_not_found`.",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "409", description = "Problem `last_method`: the only second step left.",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "422", description = ApiDocs.WRONG_SECRET, content = @Content(mediaType = ApiDocs.PROBLEM))
    @DeleteMapping("/authenticators/{id}")
    TwoStep removeAuthenticator(@PathVariable String id, @RequestBody(required = false) PasswordRequest body,
                                HttpServletRequest request) {
        Session session = CurrentSession.required();
        String password = ApiRequests.required(body == null ? null : body.password(), "password");
        Optional<UUID> appId = dev.aikagi.server.web.PageInputs.uuid(id);
        if (appId.isEmpty()) {
            unwrap(Outcome.refused(SettingsProblem.AUTHENTICATOR_NOT_FOUND), null);
        }
        return TwoStep.of(unwrap(settings.removeAuthenticator(session, appId.orElseThrow(), password,
                ClientAddresses.of(request)), null));
    }

    /**
     * Texts a code for turning two-step verification off to the account's phone (bound to this session); then
     * POST /two-step/disable with {@code "method": "sms"} and the code.
     */
    @Operation(summary = "Text a code to confirm turning two-step verification off")
    @ApiResponse(responseCode = "202", description = "The code went out: where (masked) and when another may be sent")
    @ApiResponse(responseCode = "400", description = "Problem `method_not_available`: SMS is not a method of the account.",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "429", description = "Problem `too_many_sends`, with retryAt.",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/two-step/disable/send-code")
    ResponseEntity<DisableCodeSent> sendDisableCode(HttpServletRequest request) {
        StepUp.CodeSent sent = unwrap(settings.sendDisableCode(CurrentSession.required(), ClientAddresses.of(request)),
                FactorKind.SMS);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new DisableCodeSent("sms", sent.destination(), sent.nextSendAt()));
    }


    @Operation(summary = "Confirm the new authenticator app with its first code (optional \"name\" names it); the"
            + " account's other apps stay")
    @ApiResponse(responseCode = "200", description = "The authenticator is confirmed")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "422", description = ApiDocs.WRONG_SECRET, content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/totp/confirm")
    TotpConfirmed confirmTotp(@RequestBody CodeRequest body, HttpServletRequest request) {
        TwoStepSettings.TotpConfirmed confirmed = unwrap(settings.confirmTotp(CurrentSession.required(),
                ApiRequests.required(body.code(), "code"), body.name(), ClientAddresses.of(request)), FactorKind.TOTP);
        return new TotpConfirmed(true, confirmed.firstBackupCodes().map(NewCodes::of).orElse(null));
    }

    @GetMapping("/backup-codes")
    BackupCodesStatus backupCodes() {
        TwoStepStatus status = settings.status(CurrentSession.required().accountId());
        if (status.backupCodesCreatedAt().isEmpty()) {
            throw new ApiException(TwoStepFailures.NO_BACKUP_CODES);
        }
        return new BackupCodesStatus(status.backupCodesCreatedAt().get(), status.backupCodesTotal(),
                status.backupCodesRemaining());
    }

    @ApiResponse(responseCode = "201", description = "A new set of backup codes")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "422", description = ApiDocs.WRONG_SECRET, content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/backup-codes")
    ResponseEntity<NewCodes> newBackupCodes(@RequestBody PasswordRequest body, HttpServletRequest request) {
        IssuedBackupCodes issued = unwrap(settings.regenerateBackupCodes(CurrentSession.required(),
                ApiRequests.required(body.password(), "password"), ClientAddresses.of(request)), null);
        return ResponseEntity.status(HttpStatus.CREATED).body(NewCodes.of(issued));
    }

    @ApiResponse(responseCode = "200", description = "The current set")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "422", description = ApiDocs.WRONG_SECRET, content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/backup-codes/reveal")
    ShownCodes revealBackupCodes(@RequestBody PasswordRequest body, HttpServletRequest request) {
        BackupCodeView view = unwrap(settings.revealBackupCodes(CurrentSession.required(),
                ApiRequests.required(body.password(), "password"), ClientAddresses.of(request)), null);
        return new ShownCodes(view.createdAt(), view.entries().stream().map(e -> new ShownCode(e.position(),
                e.code().orElse(null), e.usedAt().isPresent(), e.usedAt().orElse(null))).toList());
    }

    @Operation(summary = "Turn two-step verification off (password and a code: method totp, backup_code, or sms"
            + " after POST /two-step/disable/send-code)")
    @ApiResponse(responseCode = "200", description = "Two-step verification is off")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "422", description = ApiDocs.WRONG_SECRET, content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/two-step/disable")
    TwoStep disable(@RequestBody DisableRequest body, HttpServletRequest request) {
        String password = ApiRequests.required(body.password(), "password");
        FactorKind method = ApiRequests.method(body.method());
        TwoStepStatus status = unwrap(settings.disable(CurrentSession.required(), password, method,
                ApiRequests.required(body.code(), "code"), ClientAddresses.of(request)), method);
        return TwoStep.of(status);
    }

    /**
     * Starts a step-up: a session that proved only the password (AAL1) on an account with two-step verification
     * on proves a second factor to reach AAL2. Lists the account's methods; with {@code "method": "sms"} a code is
     * sent to the account's phone, bound to this session; with {@code "method": "passkey"} the answer carries
     * {@code publicKey}, the options for the authenticator with a challenge bound to this session. Then POST
     * /api/v1/me/step-up/verify.
     */
    @Operation(summary = "Start a step-up to AAL2 (lists the methods; sends an SMS code for method sms; answers"
            + " publicKey, PublicKeyCredentialRequestOptionsJSON, for method passkey)")
    @ApiResponse(responseCode = "200", description = "The methods, and where the SMS code went")
    @ApiResponse(responseCode = "409", description = "Problem `two_step_not_enabled`: nothing to step up with.",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "429", description = ApiDocs.TOO_MANY_SENDS,
            content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/step-up")
    StepUpStarted startStepUp(@RequestBody(required = false) StepUpRequest body, HttpServletRequest request) {
        Session session = CurrentSession.required();
        java.util.Set<FactorKind> methods = stepUp.methods(session.accountId());
        if (methods.isEmpty()) {
            unwrap(Outcome.refused(SettingsProblem.TWO_STEP_NOT_ENABLED), null);
        }
        List<String> names = methods.stream().sorted().map(ApiRequests::methodName).toList();
        if (body == null || body.method() == null) {
            return new StepUpStarted(names, null, null, null, null);
        }
        FactorKind method = ApiRequests.method(body.method());
        if (method == FactorKind.PASSKEY) {
            // Issue 17: a passkey steps up too; the challenge is bound to this session and used once.
            Map<String, Object> options = passkeyOptions.request(unwrap(stepUp.passkeyOptions(session), method));
            return new StepUpStarted(names, ApiRequests.methodName(method), null, null, options);
        }
        if (method != FactorKind.SMS) {
            return new StepUpStarted(names, ApiRequests.methodName(method), null, null, null);
        }
        StepUp.CodeSent sent = unwrap(stepUp.sendCode(session, ClientAddresses.of(request)), FactorKind.SMS);
        return new StepUpStarted(names, ApiRequests.methodName(FactorKind.SMS), sent.destination(), sent.nextSendAt(),
                null);
    }

    /**
     * Completes a step-up with a code of one of the account's second factors (the login's attempt budget): the
     * session counts as AAL2 from now on, with the same bearer token. For method passkey the body carries
     * {@code credential}, the authenticator's AuthenticationResponseJSON, instead of a code.
     */
    @Operation(summary = "Complete a step-up with a second-factor code (or, for method passkey, credential:"
            + " AuthenticationResponseJSON); the session becomes AAL2")
    @ApiResponse(responseCode = "200", description = "The session's new assurance and amr")
    @ApiResponse(responseCode = "422", description = "Problem `code_invalid`, `code_already_used`, `code_expired`,"
            + " `passkey_invalid`, ...:"
            + " the session stays valid (401 means only that the request has no valid session).",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "429", description = "Problem `too_many_attempts` or `method_locked`, with retryAt.",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/step-up/verify")
    SteppedUp verifyStepUp(@RequestBody StepUpVerifyRequest body, HttpServletRequest request) {
        FactorKind method = ApiRequests.method(body.method());
        String code = method == FactorKind.PASSKEY ? PasskeyOptions.answer(body.credential())
                : ApiRequests.required(body.code(), "code");
        Sessions.Raised raised = unwrap(stepUp.verify(CurrentSession.required(), method, code,
                ClientAddresses.of(request)), method);
        return new SteppedUp(raised.session().assurance().name(), raised.session().amr());
    }

    /** The value, or the refusal; {@code method} is the factor whose code the request carried, if any. */
    private static <T> T unwrap(Outcome<T, SettingsProblem> outcome, FactorKind method) {
        return switch (outcome) {
            case Outcome.Done<T, SettingsProblem> done -> done.value();
            case Outcome.Refused<T, SettingsProblem> refused ->
                    throw new ApiException(TwoStepFailures.of(refused.failure(), method, refused.retryAt()));
        };
    }
}
