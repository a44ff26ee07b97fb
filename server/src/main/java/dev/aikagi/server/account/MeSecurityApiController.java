package dev.aikagi.server.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.PendingDeletion;
import dev.aikagi.core.login.SignOut;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.session.Sessions;
import dev.aikagi.core.settings.AccountDeletion;
import dev.aikagi.core.settings.SecurityCheckup;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.server.web.ApiDocs;
import dev.aikagi.server.web.ApiException;
import dev.aikagi.server.web.ApiRequests;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.PageInputs;
import dev.aikagi.server.web.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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

/**
 * The account's sessions, its deletion and its security checkup, for apps (issue 17): the same core services as
 * the security pages ({@link SignOut}, {@link AccountDeletion}, {@link SecurityCheckup}).
 */
@RestController
@RequestMapping("/api/v1/me")
class MeSecurityApiController {

    /** {@code DELETE /api/v1/me/sessions/{id}} for an id that is not one of the account's active sessions. */
    static final Refusal SESSION_NOT_FOUND = Refusal.of(HttpStatus.NOT_FOUND, "session_not_found",
            "api.error.session_not_found");

    /**
     * One active session. {@code id} is a handle for ending it, not a secret: it grants nothing (the token that
     * carries a session is never shown again after login, and is stored only hashed).
     */
    record SessionView(String id, String kind, Instant createdAt, Instant lastSeenAt, boolean current) {
    }

    record SessionsEnded(int ended) {
    }

    record DeleteRequest(String password) {
    }

    /** The account's deletion: {@code pending} and, when it is, when the data goes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeletionStatus(boolean pending, Instant deleteAt) {
        static DeletionStatus of(Optional<PendingDeletion> pending) {
            return new DeletionStatus(pending.isPresent(), pending.map(PendingDeletion::dueAt).orElse(null));
        }
    }

    record CheckupFix(String label, String href) {
    }

    record CheckupItem(String id, String state, boolean important, String title, String detail, CheckupFix fix,
                       Map<String, String> facts) {
    }

    record CheckupResponse(String state, boolean canRecover, String summary, List<CheckupItem> items) {
    }

    private final Sessions sessions;
    private final SignOut signOut;
    private final TwoStepSettings twoStep;
    private final AccountDeletion deletion;
    private final SecurityCheckup checkup;
    private final CheckupView view;

    MeSecurityApiController(Sessions sessions, SignOut signOut, TwoStepSettings twoStep, AccountDeletion deletion,
                            SecurityCheckup checkup, CheckupView view) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.signOut = Objects.requireNonNull(signOut, "signOut");
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.deletion = Objects.requireNonNull(deletion, "deletion");
        this.checkup = Objects.requireNonNull(checkup, "checkup");
        this.view = Objects.requireNonNull(view, "view");
    }

    @Operation(summary = "The account's active sessions, newest first")
    @GetMapping("/sessions")
    List<SessionView> sessions() {
        Session current = CurrentSession.required();
        return sessions.active(current.accountId()).stream()
                .map(s -> new SessionView(s.id().toString(), s.kind().name().toLowerCase(Locale.ROOT), s.createdAt(),
                        s.lastSeenAt(), s.id().equals(current.id())))
                .toList();
    }

    /** Ends one session of the account (this one too, if its id is given); applications' tokens of it end with it. */
    @Operation(summary = "End one session")
    @ApiResponse(responseCode = "204", description = "The session ended")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "404", description = "Problem `session_not_found`: no active session of this account"
            + " has that id", content = @Content(mediaType = ApiDocs.PROBLEM))
    @DeleteMapping("/sessions/{id}")
    ResponseEntity<Void> endSession(@PathVariable String id, HttpServletRequest request) {
        Session current = requireSecondFactor();
        UUID target = PageInputs.uuid(id).orElseThrow(() -> new ApiException(SESSION_NOT_FOUND));
        if (signOut.endSession(current, target, ClientAddresses.of(request)).isEmpty()) {
            throw new ApiException(SESSION_NOT_FOUND);
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Log out everywhere else: end every other session of the account")
    @ApiResponse(responseCode = "200", description = "How many sessions ended")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/sessions/end-others")
    SessionsEnded endOthers(HttpServletRequest request) {
        return new SessionsEnded(signOut.endOthers(requireSecondFactor(), ClientAddresses.of(request)));
    }

    /**
     * Schedules the account's deletion after {@code aikagi.account.delete-after}; every verified channel is told,
     * with a link that cancels. Asking again while one is pending answers the pending one.
     */
    @Operation(summary = "Delete the account (after the waiting period)")
    @ApiResponse(responseCode = "200", description = "The deletion is pending: `deleteAt` says when the data goes")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "422", description = ApiDocs.WRONG_SECRET, content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/delete")
    DeletionStatus delete(@RequestBody DeleteRequest body, HttpServletRequest request) {
        Outcome<PendingDeletion, SettingsProblem> scheduled = deletion.schedule(CurrentSession.required(),
                ApiRequests.required(body.password(), "password"), ClientAddresses.of(request));
        return switch (scheduled) {
            case Outcome.Done<PendingDeletion, SettingsProblem> done -> DeletionStatus.of(Optional.of(done.value()));
            case Outcome.Refused<PendingDeletion, SettingsProblem> refused ->
                    throw new ApiException(AccountFailures.of(refused.failure(), refused.retryAt()));
        };
    }

    @Operation(summary = "Keep the account: cancel its pending deletion (nothing to cancel is not an error)")
    @ApiResponse(responseCode = "200", description = "No deletion is pending any more")
    @PostMapping("/delete/cancel")
    DeletionStatus cancelDeletion(HttpServletRequest request) {
        Session session = CurrentSession.required();
        deletion.cancel(session, ClientAddresses.of(request));
        return DeletionStatus.of(deletion.pending(session.accountId()));
    }

    /** Whether the account can get back in if a phone is lost, item by item, in the request's language. */
    @Operation(summary = "The security checkup")
    @GetMapping("/checkup")
    CheckupResponse checkup(Locale locale) {
        Session session = CurrentSession.required();
        SecurityCheckup.Checkup result = checkup.check(session);
        List<CheckupItem> items = view.rows(result, session.accountId(), locale).stream()
                .map(r -> new CheckupItem(r.id(), r.state(), r.important(), r.title(), r.detail(),
                        new CheckupFix(r.fixLabel(), r.fixHref()), r.facts()))
                .toList();
        return new CheckupResponse(result.canRecover() ? "good" : "needs_attention", result.canRecover(),
                view.summary(result, locale), items);
    }

    /** A password-only session of an account with two-step on may not end sessions: it could lock out the owner. */
    private Session requireSecondFactor() {
        Session session = CurrentSession.required();
        if (twoStep.needsSecondFactor(session)) {
            throw new ApiException(AccountFailures.of(SettingsProblem.SECOND_FACTOR_REQUIRED, Optional.empty()));
        }
        return session;
    }
}
