package dev.aikagi.server.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountRepository;
import dev.aikagi.core.audit.AuditLog;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.AccountDeletion;
import dev.aikagi.core.settings.ContactSettings;
import dev.aikagi.core.settings.PasswordChange;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.settings.TwoStepStatus;
import dev.aikagi.server.web.ApiDocs;
import dev.aikagi.server.web.ApiException;
import dev.aikagi.server.web.ApiRequests;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.CurrentSession;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in account, for apps: what protects it ({@code GET /api/v1/me}), the password, entering it again, and
 * the account's recent activity. Its two-step methods are {@code twostep/TwoStepApiController}, its phone and
 * email {@code contact/ContactApiController}.
 */
@RestController
@RequestMapping("/api/v1/me")
class MeApiController {

    record PasswordRequest(String password) {
    }

    record TwoStep(boolean enabled, List<String> methods) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MeResponse(String accountId, String username, List<String> amr, String assurance, TwoStep twoStep,
                      BackupCodesStatus backupCodes, ChannelStatus phone, ChannelStatus email,
                      MeSecurityApiController.DeletionStatus deletion) {
    }

    /** A verified channel, masked: the API never returns a full number or address. */
    record ChannelStatus(String destination, Instant verifiedAt, Boolean smsLogin) {
        static ChannelStatus of(ContactChannel c) {
            return new ChannelStatus(c.masked(), c.verifiedAt(), c.kind() == dev.aikagi.core.delivery.Channel.SMS ? c.smsLogin() : null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BackupCodesStatus(Instant createdAt, int total, int remaining) {
    }

    record PasswordChangeRequest(String currentPassword, String newPassword) {
    }

    record PasswordChanged(int otherSessionsEnded) {
    }

    record ActivityEvent(String type, Instant at, String clientAddress, Map<String, String> details) {
    }

    private final TwoStepSettings settings;
    private final ContactSettings contacts;
    private final AccountRepository accounts;
    private final AuditLog auditLog;
    private final PasswordChange passwords;
    private final AccountDeletion deletion;

    MeApiController(TwoStepSettings settings, ContactSettings contacts, AccountRepository accounts, AuditLog auditLog,
                    PasswordChange passwords, AccountDeletion deletion) {
        this.deletion = Objects.requireNonNull(deletion, "deletion");
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
                () -> new ApiException(AccountFailures.ACCOUNT_GONE));
        TwoStepStatus status = settings.status(account.id());
        List<ContactChannel> channels = contacts.channels(account.id());
        return new MeResponse(account.id().toString(), account.username(), session.amr(), session.assurance().name(),
                new TwoStep(status.enabled(), ApiDocs.methods(status)), codesStatus(status),
                channel(channels, dev.aikagi.core.delivery.Channel.SMS),
                channel(channels, dev.aikagi.core.delivery.Channel.EMAIL),
                MeSecurityApiController.DeletionStatus.of(deletion.pending(account.id())));
    }

    private static ChannelStatus channel(List<ContactChannel> channels, dev.aikagi.core.delivery.Channel kind) {
        return channels.stream().filter(c -> c.kind() == kind).findFirst().map(ChannelStatus::of).orElse(null);
    }

    /**
     * Sets a new password. Needs {@code currentPassword}, except in the session a completed account recovery
     * opened. Every other session of the account ends.
     */
    @ApiResponse(responseCode = "200", description = "The password was changed")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "422", description = ApiDocs.WRONG_SECRET, content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/password")
    PasswordChanged changePassword(@RequestBody PasswordChangeRequest body, HttpServletRequest request) {
        Session session = CurrentSession.required();
        String current = session.isRecovery() ? null : ApiRequests.required(body.currentPassword(), "currentPassword");
        int ended = unwrap(passwords.change(session, current, ApiRequests.required(body.newPassword(), "newPassword"),
                ClientAddresses.of(request)));
        return new PasswordChanged(ended);
    }

    @ApiResponse(responseCode = "204", description = "The password is right: sensitive changes are open for a while")
    @ApiResponse(responseCode = "422", description = ApiDocs.WRONG_SECRET, content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/reauthenticate")
    ResponseEntity<Void> reauthenticate(@RequestBody PasswordRequest body, HttpServletRequest request) {
        unwrap(settings.reauthenticate(CurrentSession.required(), ApiRequests.required(body.password(), "password"),
                ClientAddresses.of(request)));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/activity")
    List<ActivityEvent> activity() {
        return auditLog.recent(CurrentSession.required().accountId(), 50).stream()
                .map(e -> new ActivityEvent(e.type().name().toLowerCase(java.util.Locale.ROOT), e.at(), e.clientAddress(), e.details()))
                .toList();
    }

    private static BackupCodesStatus codesStatus(TwoStepStatus status) {
        return status.backupCodesCreatedAt()
                .map(at -> new BackupCodesStatus(at, status.backupCodesTotal(), status.backupCodesRemaining()))
                .orElse(null);
    }

    private static <T> T unwrap(Outcome<T, SettingsProblem> outcome) {
        return switch (outcome) {
            case Outcome.Done<T, SettingsProblem> done -> done.value();
            case Outcome.Refused<T, SettingsProblem> refused ->
                    throw new ApiException(AccountFailures.of(refused.failure(), refused.retryAt()));
        };
    }
}
