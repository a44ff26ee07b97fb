package dev.aikagi.server.account;

import dev.aikagi.server.web.ApiException;
import dev.aikagi.server.web.ApiRequests;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.factor.backup.BackupCodeView;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.totp.TotpEnrollment;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.settings.ContactSettings;
import dev.aikagi.core.settings.PasswordChange;
import dev.aikagi.core.settings.SettingsOutcome;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.settings.TwoStepStatus;
import dev.aikagi.core.session.Session;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.CurrentSession;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.aikagi.core.settings.StepUp;
import dev.aikagi.core.session.Sessions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in account's own settings, for apps: authenticator, backup codes, turning 2FA off. */
@RestController
@RequestMapping("/api/v1/me")
class MeApiController {

    /** The refusal every operation that changes what protects the account documents (issue 14). */
    static final String SECOND_FACTOR_REQUIRED = "Problem `second_factor_required` when two-step verification is on and"
            + " this session proved only the password (assurance AAL1): step up first with POST /api/v1/me/step-up and"
            + " /api/v1/me/step-up/verify. Also `reauthentication_required` when the sign-in is older than 10 minutes"
            + " and the password was not entered again, and `recovery_session_limited` for what a recovery session may"
            + " not do.";

    record StepUpRequest(String method) {
    }

    record StepUpVerifyRequest(String method, String code) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StepUpStarted(List<String> methods, String method, String destination, Instant nextSendAt) {
    }

    record SteppedUp(String assurance, List<String> amr) {
    }

    record PasswordRequest(String password) {
    }

    record CodeRequest(String code) {
    }

    record DisableRequest(String password, String method, String code) {
    }

    record TwoStep(boolean enabled, List<String> methods) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MeResponse(String accountId, String username, List<String> amr, String assurance, TwoStep twoStep,
                      BackupCodesStatus backupCodes, ChannelStatus phone, ChannelStatus email) {
    }

    /** A verified channel, masked: the API never returns a full number or address. */
    record ChannelStatus(String destination, Instant verifiedAt, Boolean smsLogin) {
        static ChannelStatus of(ContactChannel c) {
            return new ChannelStatus(c.masked(), c.verifiedAt(), c.kind() == dev.aikagi.core.delivery.Channel.SMS ? c.smsLogin() : null);
        }
    }

    record PhoneRequest(String phoneNumber) {
    }

    record EmailRequest(String email) {
    }

    record RemoveMethodRequest(String method, String password) {
    }

    record PasswordChangeRequest(String currentPassword, String newPassword) {
    }

    record PasswordChanged(int otherSessionsEnded) {
    }

    record CodeSentResponse(String channel, String destination, Instant nextSendAt) {
        static CodeSentResponse of(ContactSettings.CodeSent sent) {
            return new CodeSentResponse(sent.channel().value(), sent.destination(), sent.nextSendAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PhoneConfirmedResponse(String phone, boolean smsLogin, boolean twoStepEnabled, NewCodes backupCodes) {
    }

    record EmailConfirmedResponse(String email, Instant verifiedAt) {
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

    record ActivityEvent(String type, Instant at, String clientAddress, Map<String, String> details) {
    }

    private final TwoStepSettings settings;
    private final ContactSettings contacts;
    private final AccountRepository accounts;
    private final AuditLog auditLog;
    private final PasswordChange passwords;
    private final StepUp stepUp;

    MeApiController(TwoStepSettings settings, ContactSettings contacts, AccountRepository accounts, AuditLog auditLog,
                    PasswordChange passwords, StepUp stepUp) {
        this.stepUp = Objects.requireNonNull(stepUp, "stepUp");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
    }

    @GetMapping
    MeResponse me() {
        Session session = CurrentSession.required();
        Account account = accounts.findById(session.accountId()).orElseThrow(
                () -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "The account no longer exists."));
        TwoStepStatus status = settings.status(account.id());
        List<ContactChannel> channels = contacts.channels(account.id());
        return new MeResponse(account.id().toString(), account.username(), session.amr(), session.assurance().name(),
                twoStep(status), codesStatus(status), channel(channels, dev.aikagi.core.delivery.Channel.SMS),
                channel(channels, dev.aikagi.core.delivery.Channel.EMAIL));
    }

    /** Sends a verification code by SMS to a new number (E.164). Needs recent authentication. */
    @ApiResponse(responseCode = "202", description = "The code was sent")
    @ApiResponse(responseCode = "403", description = SECOND_FACTOR_REQUIRED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/phone")
    ResponseEntity<CodeSentResponse> addPhone(@RequestBody PhoneRequest body, HttpServletRequest request) {
        ContactSettings.CodeSent sent = unwrap(contacts.requestPhone(CurrentSession.required(),
                ApiRequests.required(body.phoneNumber(), "phoneNumber"), ApiRequests.language(request),
                ClientAddresses.of(request)));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(CodeSentResponse.of(sent));
    }

    /** Binds the number with the code it received; it becomes an SMS login method. */
    @ApiResponse(responseCode = "200", description = "The number is verified")
    @ApiResponse(responseCode = "403", description = SECOND_FACTOR_REQUIRED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/phone/confirm")
    PhoneConfirmedResponse confirmPhone(@RequestBody CodeRequest body, HttpServletRequest request) {
        ContactSettings.PhoneConfirmed confirmed = unwrap(contacts.confirmPhone(CurrentSession.required(),
                ApiRequests.required(body.code(), "code"), ApiRequests.language(request), ClientAddresses.of(request)));
        return new PhoneConfirmedResponse(confirmed.phone().masked(), confirmed.phone().smsLogin(), true,
                confirmed.firstBackupCodes().map(NewCodes::of).orElse(null));
    }

    /** Sends a verification code to a new email address. Needs recent authentication. */
    @ApiResponse(responseCode = "202", description = "The code was sent")
    @ApiResponse(responseCode = "403", description = SECOND_FACTOR_REQUIRED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/email")
    ResponseEntity<CodeSentResponse> addEmail(@RequestBody EmailRequest body, HttpServletRequest request) {
        ContactSettings.CodeSent sent = unwrap(contacts.requestEmail(CurrentSession.required(),
                ApiRequests.required(body.email(), "email"), ApiRequests.language(request), ClientAddresses.of(request)));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(CodeSentResponse.of(sent));
    }

    @ApiResponse(responseCode = "200", description = "The address is verified")
    @ApiResponse(responseCode = "403", description = SECOND_FACTOR_REQUIRED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/email/confirm")
    EmailConfirmedResponse confirmEmail(@RequestBody CodeRequest body, HttpServletRequest request) {
        ContactChannel email = unwrap(contacts.confirmEmail(CurrentSession.required(),
                ApiRequests.required(body.code(), "code"), ApiRequests.language(request), ClientAddresses.of(request)));
        return new EmailConfirmedResponse(email.masked(), email.verifiedAt());
    }

    /** Removes one method ("totp" or "sms") while another stays; the last one is removed by disabling. */
    @ApiResponse(responseCode = "200", description = "The method was removed")
    @ApiResponse(responseCode = "403", description = SECOND_FACTOR_REQUIRED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/two-step/remove-method")
    TwoStep removeMethod(@RequestBody RemoveMethodRequest body, HttpServletRequest request) {
        FactorKind method = ApiRequests.method(body.method());
        TwoStepStatus status = unwrap(settings.removeMethod(CurrentSession.required(), method,
                ApiRequests.required(body.password(), "password"), ClientAddresses.of(request)));
        return twoStep(status);
    }

    private static ChannelStatus channel(List<ContactChannel> channels, dev.aikagi.core.delivery.Channel kind) {
        return channels.stream().filter(c -> c.kind() == kind).findFirst().map(ChannelStatus::of).orElse(null);
    }

    /**
     * Sets a new password. Needs {@code currentPassword}, except in the session a completed account recovery
     * opened. Every other session of the account ends.
     */
    @ApiResponse(responseCode = "200", description = "The password was changed")
    @ApiResponse(responseCode = "403", description = SECOND_FACTOR_REQUIRED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/password")
    PasswordChanged changePassword(@RequestBody PasswordChangeRequest body, HttpServletRequest request) {
        Session session = CurrentSession.required();
        String current = session.isRecovery() ? null : ApiRequests.required(body.currentPassword(), "currentPassword");
        int ended = unwrap(passwords.change(session, current, ApiRequests.required(body.newPassword(), "newPassword"),
                ClientAddresses.of(request)));
        return new PasswordChanged(ended);
    }

    @PostMapping("/reauthenticate")
    ResponseEntity<Void> reauthenticate(@RequestBody PasswordRequest body, HttpServletRequest request) {
        unwrap(settings.reauthenticate(CurrentSession.required(), ApiRequests.required(body.password(), "password"),
                ClientAddresses.of(request)));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "200", description = "The new key")
    @ApiResponse(responseCode = "403", description = SECOND_FACTOR_REQUIRED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/totp")
    TotpStart startTotp() {
        TotpEnrollment enrollment = unwrap(settings.startTotp(CurrentSession.required()));
        return new TotpStart(enrollment.base32Secret(), enrollment.keyUri());
    }

    @ApiResponse(responseCode = "200", description = "The authenticator is confirmed")
    @ApiResponse(responseCode = "403", description = SECOND_FACTOR_REQUIRED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/totp/confirm")
    TotpConfirmed confirmTotp(@RequestBody CodeRequest body, HttpServletRequest request) {
        TwoStepSettings.TotpConfirmed confirmed = unwrap(settings.confirmTotp(CurrentSession.required(),
                ApiRequests.required(body.code(), "code"), ClientAddresses.of(request)));
        return new TotpConfirmed(true, confirmed.firstBackupCodes().map(NewCodes::of).orElse(null));
    }

    @GetMapping("/backup-codes")
    BackupCodesStatus backupCodes() {
        TwoStepStatus status = settings.status(CurrentSession.required().accountId());
        if (status.backupCodesCreatedAt().isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no_backup_codes", "This account has no backup codes.");
        }
        return codesStatus(status);
    }

    @ApiResponse(responseCode = "201", description = "A new set of backup codes")
    @ApiResponse(responseCode = "403", description = SECOND_FACTOR_REQUIRED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/backup-codes")
    ResponseEntity<NewCodes> newBackupCodes(@RequestBody PasswordRequest body, HttpServletRequest request) {
        IssuedBackupCodes issued = unwrap(settings.regenerateBackupCodes(CurrentSession.required(),
                ApiRequests.required(body.password(), "password"), ClientAddresses.of(request)));
        return ResponseEntity.status(HttpStatus.CREATED).body(NewCodes.of(issued));
    }

    @ApiResponse(responseCode = "200", description = "The current set")
    @ApiResponse(responseCode = "403", description = SECOND_FACTOR_REQUIRED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/backup-codes/reveal")
    ShownCodes revealBackupCodes(@RequestBody PasswordRequest body, HttpServletRequest request) {
        BackupCodeView view = unwrap(settings.revealBackupCodes(CurrentSession.required(),
                ApiRequests.required(body.password(), "password"), ClientAddresses.of(request)));
        return new ShownCodes(view.createdAt(), view.entries().stream().map(e -> new ShownCode(e.position(),
                e.code().orElse(null), e.usedAt().isPresent(), e.usedAt().orElse(null))).toList());
    }

    @ApiResponse(responseCode = "200", description = "Two-step verification is off")
    @ApiResponse(responseCode = "403", description = SECOND_FACTOR_REQUIRED, content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/two-step/disable")
    TwoStep disable(@RequestBody DisableRequest body, HttpServletRequest request) {
        TwoStepStatus status = unwrap(settings.disable(CurrentSession.required(),
                ApiRequests.required(body.password(), "password"), ApiRequests.method(body.method()),
                ApiRequests.required(body.code(), "code"), ClientAddresses.of(request)));
        return twoStep(status);
    }

    /**
     * Starts a step-up: a session that proved only the password (AAL1) on an account with two-step verification
     * on proves a second factor to reach AAL2. Lists the account's methods; with {@code "method": "sms"} a code is
     * sent to the account's phone, bound to this session. Then POST /api/v1/me/step-up/verify.
     */
    @Operation(summary = "Start a step-up to AAL2 (lists the methods; sends an SMS code for method sms)")
    @ApiResponse(responseCode = "200", description = "The methods, and where the SMS code went")
    @ApiResponse(responseCode = "409", description = "Problem `two_step_not_enabled`: nothing to step up with.",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "Problem `too_many_sends`, with retryAt.",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/step-up")
    StepUpStarted startStepUp(@RequestBody(required = false) StepUpRequest body, HttpServletRequest request) {
        Session session = CurrentSession.required();
        java.util.Set<FactorKind> methods = stepUp.methods(session.accountId());
        if (methods.isEmpty()) {
            unwrap(SettingsOutcome.refused(SettingsProblem.TWO_STEP_NOT_ENABLED));
        }
        List<String> names = methods.stream().sorted().map(ApiRequests::methodName).toList();
        if (body == null || body.method() == null) {
            return new StepUpStarted(names, null, null, null);
        }
        FactorKind method = ApiRequests.method(body.method());
        if (method != FactorKind.SMS) {
            return new StepUpStarted(names, ApiRequests.methodName(method), null, null);
        }
        StepUp.CodeSent sent = unwrap(stepUp.sendCode(session, ClientAddresses.of(request)));
        return new StepUpStarted(names, "sms", sent.destination(), sent.nextSendAt());
    }

    /**
     * Completes a step-up with a code of one of the account's second factors (the login's attempt budget): the
     * session counts as AAL2 from now on, with the same bearer token.
     */
    @Operation(summary = "Complete a step-up with a second-factor code; the session becomes AAL2")
    @ApiResponse(responseCode = "200", description = "The session's new assurance and amr")
    @ApiResponse(responseCode = "401", description = "Problem `code_invalid`, `code_already_used`, `code_expired`, ...",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "Problem `too_many_attempts` or `method_locked`, with retryAt.",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/step-up/verify")
    SteppedUp verifyStepUp(@RequestBody StepUpVerifyRequest body, HttpServletRequest request) {
        FactorKind method = ApiRequests.method(body.method());
        Sessions.Raised raised = unwrap(stepUp.verify(CurrentSession.required(), method,
                ApiRequests.required(body.code(), "code"), ClientAddresses.of(request)));
        return new SteppedUp(raised.session().assurance().name(), raised.session().amr());
    }

    @GetMapping("/activity")
    List<ActivityEvent> activity() {
        return auditLog.recent(CurrentSession.required().accountId(), 50).stream()
                .map(e -> new ActivityEvent(e.type().name().toLowerCase(java.util.Locale.ROOT), e.at(), e.clientAddress(), e.details()))
                .toList();
    }

    private static TwoStep twoStep(TwoStepStatus status) {
        List<String> methods = new java.util.ArrayList<>();
        if (status.totpEnrolled()) {
            methods.add("totp");
        }
        if (status.smsEnrolled()) {
            methods.add("sms");
        }
        if (status.backupCodesCreatedAt().isPresent()) {
            methods.add("backup_code");
        }
        return new TwoStep(status.enabled(), methods);
    }

    private static BackupCodesStatus codesStatus(TwoStepStatus status) {
        return status.backupCodesCreatedAt()
                .map(at -> new BackupCodesStatus(at, status.backupCodesTotal(), status.backupCodesRemaining()))
                .orElse(null);
    }

    private static <T> T unwrap(SettingsOutcome<T> outcome) {
        if (outcome.isOk()) {
            return outcome.value().orElseThrow();
        }
        SettingsProblem problem = outcome.problem().orElseThrow();
        HttpStatus status = switch (problem) {
            case REAUTHENTICATION_REQUIRED, SECOND_FACTOR_REQUIRED -> HttpStatus.FORBIDDEN;
            case PASSWORD_WRONG, CODE_INVALID, CODE_ALREADY_USED, CODE_FROM_REPLACED_SET, CODE_EXPIRED,
                 CODE_SUPERSEDED -> HttpStatus.UNAUTHORIZED;
            case TOO_MANY_ATTEMPTS, METHOD_LOCKED, TOO_MANY_SENDS -> HttpStatus.TOO_MANY_REQUESTS;
            case PHONE_REGION_NOT_ALLOWED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case CODE_MALFORMED, METHOD_NOT_AVAILABLE, PHONE_INVALID, PHONE_NOT_MOBILE, EMAIL_INVALID, PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG,
                 PASSWORD_COMMON, PASSWORD_CONTAINS_USERNAME -> HttpStatus.BAD_REQUEST;
            case CONTACTS_FROZEN -> HttpStatus.CONFLICT;
            case NO_PENDING_ENROLLMENT, TWO_STEP_NOT_ENABLED, CODES_NOT_SHOWABLE, NO_PENDING_VERIFICATION,
                 ALREADY_VERIFIED, LAST_METHOD -> HttpStatus.CONFLICT;
            case DELIVERY_FAILED -> HttpStatus.BAD_GATEWAY;
        };
        String detail = switch (problem) {
            case REAUTHENTICATION_REQUIRED -> "Enter the password again first: POST /api/v1/me/reauthenticate.";
            case SECOND_FACTOR_REQUIRED -> "Two-step verification is on and this session proved only the password."
                    + " Prove a second factor first: POST /api/v1/me/step-up, then /api/v1/me/step-up/verify.";
            case METHOD_NOT_AVAILABLE -> "That is not one of this account's two-step methods.";
            case PASSWORD_WRONG -> "The password is not right.";
            case TOO_MANY_ATTEMPTS -> "Too many attempts. Try again after retryAt.";
            case CODE_MALFORMED -> "That is not a code of this method: check the number of digits.";
            case CODE_INVALID -> "That code isn't right. Check it for typos.";
            case CODE_ALREADY_USED -> "That code has already been used. Each code works once.";
            case CODE_FROM_REPLACED_SET -> "That code is from a set that was replaced. Use a code from your current set.";
            case METHOD_LOCKED -> "Too many wrong codes for this method. Use another method.";
            case NO_PENDING_ENROLLMENT -> "Start with POST /api/v1/me/totp, then confirm a code of the new key.";
            case TWO_STEP_NOT_ENABLED -> "Two-step verification is off for this account.";
            case CODES_NOT_SHOWABLE -> "This service shows backup codes only once. Get new codes instead.";
            case CODE_EXPIRED -> "That code has expired. Ask for a new one.";
            case CODE_SUPERSEDED -> "A newer code was sent since. Use the code from the latest message.";
            case NO_PENDING_VERIFICATION -> "No code is waiting to be confirmed. Ask for a code first.";
            case TOO_MANY_SENDS -> "Too many codes sent. Try again after retryAt.";
            case DELIVERY_FAILED -> "We could not send the code. Try again later or use another method.";
            case PHONE_INVALID -> "That is not a valid phone number. Use the international format, e.g. +819012345678.";
            case PHONE_NOT_MOBILE -> "That number cannot receive text messages. Use a mobile number.";
            case PHONE_REGION_NOT_ALLOWED -> "This service does not send text messages to that number's country. Use a number in an allowed country.";
            case EMAIL_INVALID -> "That is not a valid email address.";
            case ALREADY_VERIFIED -> "That is already this account's verified address.";
            case LAST_METHOD -> "This is the last two-step method. Turn two-step verification off instead, or add another method first.";
            case PASSWORD_TOO_SHORT -> "A password needs at least 8 characters; 15 or more is better.";
            case PASSWORD_TOO_LONG -> "A password may have at most 256 characters.";
            case PASSWORD_COMMON -> "That password is too common. Choose another.";
            case PASSWORD_CONTAINS_USERNAME -> "The password must not contain the username.";
            case CONTACTS_FROZEN -> "Email and phone cannot be changed for a while after an account recovery. Try again after retryAt.";
        };
        throw new ApiException(status, problem.code(), detail, outcome.retryAt());
    }
}
