package dev.aikagi.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.factor.backup.BackupCodeView;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.totp.TotpEnrollment;
import dev.aikagi.core.flow.SettingsOutcome;
import dev.aikagi.core.flow.SettingsProblem;
import dev.aikagi.core.flow.TwoStepSettings;
import dev.aikagi.core.flow.TwoStepStatus;
import dev.aikagi.core.session.Session;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.CurrentSession;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    record PasswordRequest(String password) {
    }

    record CodeRequest(String code) {
    }

    record DisableRequest(String password, String method, String code) {
    }

    record TwoStep(boolean enabled, List<String> methods) {
    }

    record MeResponse(String accountId, String username, List<String> amr, String assurance, TwoStep twoStep,
                      BackupCodesStatus backupCodes) {
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
    private final AccountRepository accounts;
    private final AuditLog auditLog;

    MeApiController(TwoStepSettings settings, AccountRepository accounts, AuditLog auditLog) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
    }

    @GetMapping
    MeResponse me() {
        Session session = CurrentSession.required();
        Account account = accounts.findById(session.accountId()).orElseThrow(
                () -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "The account no longer exists."));
        TwoStepStatus status = settings.status(account.id());
        return new MeResponse(account.id().toString(), account.username(), session.amr(), session.assurance().name(),
                twoStep(status), codesStatus(status));
    }

    @PostMapping("/reauthenticate")
    ResponseEntity<Void> reauthenticate(@RequestBody PasswordRequest body, HttpServletRequest request) {
        unwrap(settings.reauthenticate(CurrentSession.required(), ApiRequests.required(body.password(), "password"),
                ClientAddresses.of(request)));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/totp")
    TotpStart startTotp() {
        TotpEnrollment enrollment = unwrap(settings.startTotp(CurrentSession.required()));
        return new TotpStart(enrollment.base32Secret(), enrollment.keyUri());
    }

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

    @PostMapping("/backup-codes")
    ResponseEntity<NewCodes> newBackupCodes(@RequestBody PasswordRequest body, HttpServletRequest request) {
        IssuedBackupCodes issued = unwrap(settings.regenerateBackupCodes(CurrentSession.required(),
                ApiRequests.required(body.password(), "password"), ClientAddresses.of(request)));
        return ResponseEntity.status(HttpStatus.CREATED).body(NewCodes.of(issued));
    }

    @PostMapping("/backup-codes/reveal")
    ShownCodes revealBackupCodes(@RequestBody PasswordRequest body, HttpServletRequest request) {
        BackupCodeView view = unwrap(settings.revealBackupCodes(CurrentSession.required(),
                ApiRequests.required(body.password(), "password"), ClientAddresses.of(request)));
        return new ShownCodes(view.createdAt(), view.entries().stream().map(e -> new ShownCode(e.position(),
                e.code().orElse(null), e.usedAt().isPresent(), e.usedAt().orElse(null))).toList());
    }

    @PostMapping("/two-step/disable")
    TwoStep disable(@RequestBody DisableRequest body, HttpServletRequest request) {
        TwoStepStatus status = unwrap(settings.disable(CurrentSession.required(),
                ApiRequests.required(body.password(), "password"), ApiRequests.method(body.method()),
                ApiRequests.required(body.code(), "code"), ClientAddresses.of(request)));
        return twoStep(status);
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
            case REAUTHENTICATION_REQUIRED -> HttpStatus.FORBIDDEN;
            case PASSWORD_WRONG, CODE_INVALID, CODE_ALREADY_USED, CODE_FROM_REPLACED_SET -> HttpStatus.UNAUTHORIZED;
            case TOO_MANY_ATTEMPTS, METHOD_LOCKED -> HttpStatus.TOO_MANY_REQUESTS;
            case CODE_MALFORMED -> HttpStatus.BAD_REQUEST;
            case NO_PENDING_ENROLLMENT, TWO_STEP_NOT_ENABLED, CODES_NOT_SHOWABLE -> HttpStatus.CONFLICT;
        };
        String detail = switch (problem) {
            case REAUTHENTICATION_REQUIRED -> "Enter the password again first: POST /api/v1/me/reauthenticate.";
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
        };
        throw new ApiException(status, problem.code(), detail, outcome.retryAt());
    }
}
