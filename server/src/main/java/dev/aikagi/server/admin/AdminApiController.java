package dev.aikagi.server.admin;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.admin.AccountDisabling;
import dev.aikagi.core.admin.AdminFailure;
import dev.aikagi.core.admin.AdminSessions;
import dev.aikagi.core.admin.AdminTwoStep;
import dev.aikagi.core.admin.TwoStepResets;
import dev.aikagi.core.admin.UserDirectory;
import dev.aikagi.core.admin.UserView;
import dev.aikagi.core.role.Role;
import dev.aikagi.core.role.Roles;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.TwoStepStatus;
import dev.aikagi.server.web.ApiDocs;
import dev.aikagi.server.web.ApiException;
import dev.aikagi.server.web.ApiRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/v1}: users, their two-step methods, sessions and roles, for an operator's tools (issue 18). The
 * caller is a client of Aikagi's own authorization server with the scope {@code aikagi.admin} ({@link AdminTokens}
 * checks its token before any of this runs, and audits the call with the client id).
 */
@RestController
@RequestMapping(AdminApiController.BASE)
@Tag(name = "Admin", description = "For operators' tools: an access token from POST /oauth2/token with"
        + " grant_type=client_credentials of a client registered with the scope aikagi.admin. 401 `unauthenticated`"
        + " (no token) or `invalid_token` with WWW-Authenticate; 403 `insufficient_scope`.")
@SecurityRequirement(name = "admin")
class AdminApiController {

    static final String BASE = "/api/admin/v1";
    private static final String NOT_FOUND = "Problem `user_not_found`: no account has this id";

    record CreateUserRequest(String username, String password, String email, String phone, String language,
                             Boolean invite) {
        @Override
        public String toString() {
            return "CreateUserRequest[" + username + "]";
        }
    }

    record ContactResponse(String address, boolean verified, Instant verifiedAt) {
    }

    record UserResponse(String id, String username, Instant createdAt, boolean disabled, Instant disabledAt,
                        ContactResponse email, ContactResponse phone, List<String> roles) {
        static UserResponse of(UserView user) {
            return new UserResponse(user.id().toString(), user.username(), user.createdAt(),
                    user.disabledAt().isPresent(), user.disabledAt().orElse(null),
                    user.email().map(c -> new ContactResponse(c.address(), true, c.verifiedAt())).orElse(null),
                    user.phone().map(c -> new ContactResponse(c.address(), true, c.verifiedAt())).orElse(null),
                    user.roles().stream().map(Role::value).toList());
        }
    }

    record UsersResponse(List<UserResponse> users) {
    }

    record TwoStepResponse(boolean enabled, List<String> methods, int backupCodesRemaining, int backupCodesTotal) {
        static TwoStepResponse of(TwoStepStatus status) {
            return new TwoStepResponse(status.enabled(), ApiDocs.methods(status), status.backupCodesRemaining(),
                    status.backupCodesTotal());
        }
    }

    record ResetRequest(String method, Boolean immediately) {
    }

    record ResetResponse(String state, String method, Instant effectiveAt, TwoStepResponse twoStep) {
    }

    record SessionResponse(String id, String kind, String assurance, List<String> amr, Instant createdAt,
                           Instant lastSeenAt) {
        static SessionResponse of(Session session) {
            return new SessionResponse(session.id().toString(), session.kind().name().toLowerCase(java.util.Locale.ROOT),
                    session.assurance().name().toLowerCase(java.util.Locale.ROOT), session.amr(), session.createdAt(),
                    session.lastSeenAt());
        }
    }

    record SessionsResponse(List<SessionResponse> sessions) {
    }

    record EndedResponse(int ended) {
    }

    private final UserDirectory users;
    private final AccountDisabling disabling;
    private final AdminTwoStep twoStep;
    private final TwoStepResets resets;
    private final AdminSessions sessions;
    private final Roles roles;
    private final dev.aikagi.core.account.AccountErasure erasure;
    private final dev.aikagi.core.admin.Invitations invitations;

    AdminApiController(UserDirectory users, AccountDisabling disabling, AdminTwoStep twoStep, TwoStepResets resets,
                       AdminSessions sessions, Roles roles, dev.aikagi.core.account.AccountErasure erasure,
                       dev.aikagi.core.admin.Invitations invitations) {
        this.invitations = Objects.requireNonNull(invitations, "invitations");
        this.erasure = Objects.requireNonNull(erasure, "erasure");
        this.users = Objects.requireNonNull(users, "users");
        this.disabling = Objects.requireNonNull(disabling, "disabling");
        this.twoStep = Objects.requireNonNull(twoStep, "twoStep");
        this.resets = Objects.requireNonNull(resets, "resets");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.roles = Objects.requireNonNull(roles, "roles");
    }

    @PostMapping("/users")
    @Operation(summary = "Create a user with a password or an invitation link", description = "Email and phone, if"
            + " given, count as verified (the operator vouches for them); language (ja or en, default ja) is that of"
            + " messages sent. With \"invite\": true and no password, the account gets no usable password and the"
            + " person is mailed a single-use link (valid aikagi.admin.invitation-lifetime, 7 days by default) that"
            + " sets one; email is then required.")
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = UserResponse.class)))
    @ApiResponse(responseCode = "400", description = "Problem `missing_field`, `username_invalid`, `password_rejected`,"
            + " `contact_invalid` or `email_required` (an invitation without an email)",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "409", description = "Problem `username_taken`: the name, or a look-alike of it, is taken",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    ResponseEntity<UserResponse> create(@RequestBody CreateUserRequest body, HttpServletRequest request) {
        String username = ApiRequests.required(body.username(), "username");
        if (Boolean.TRUE.equals(body.invite())) {
            UserView invited = done(invitations.create(new UserDirectory.NewUser(username, "",
                    Optional.ofNullable(body.email()), Optional.ofNullable(body.phone()), body.language()), by(request)));
            return ResponseEntity.status(HttpStatus.CREATED).body(UserResponse.of(invited));
        }
        String password = ApiRequests.required(body.password(), "password");
        UserView created = done(users.create(new UserDirectory.NewUser(username, password,
                Optional.ofNullable(body.email()), Optional.ofNullable(body.phone()), body.language()), by(request)));
        return ResponseEntity.status(HttpStatus.CREATED).body(UserResponse.of(created));
    }

    @GetMapping("/users")
    @Operation(summary = "Search users by username, email or phone", description = "Exactly one of q, username, email"
            + " or phone; each matches the whole value (a username in any case, a phone in any usual form).")
    @ApiResponse(responseCode = "200", description = "The matching users (often none or one)")
    @ApiResponse(responseCode = "400", description = "Problem `missing_field`: no query given",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    UsersResponse search(@RequestParam(required = false) String q, @RequestParam(required = false) String username,
                         @RequestParam(required = false) String email, @RequestParam(required = false) String phone) {
        String query = q != null ? q : username != null ? username : email != null ? email : phone;
        ApiRequests.required(query, "q");
        return new UsersResponse(users.search(query).stream().map(UserResponse::of).toList());
    }

    @GetMapping("/users/{id}")
    @Operation(summary = "Read a user")
    @ApiResponse(responseCode = "200", description = "The user")
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDocs.PROBLEM))
    UserResponse read(@PathVariable String id) {
        return UserResponse.of(users.find(account(id)).orElseThrow(() -> notFound()));
    }

    @DeleteMapping("/users/{id}")
    @Operation(summary = "Delete a user", description = "Erases the account now: its factors, contacts, sessions,"
            + " trusted devices, passkeys and applications' tokens and grants. Audit records stay, without the"
            + " username or anything else that names the person (issue 17's erasure). For a deletion the person asks"
            + " for, with a waiting period and a cancel link, see POST /api/v1/me/delete.")
    @ApiResponse(responseCode = "204", description = "Erased")
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDocs.PROBLEM))
    org.springframework.http.ResponseEntity<Void> delete(@PathVariable String id) {
        if (!erasure.erase(account(id), "admin")) {
            throw notFound();
        }
        return org.springframework.http.ResponseEntity.noContent().build();
    }

    @PostMapping("/users/{id}/invitation")
    @Operation(summary = "Send a new invitation link", description = "Mails the user a new single-use link that sets"
            + " their password; every earlier link stops working.")
    @ApiResponse(responseCode = "202", description = "Sent (queued); the user")
    @ApiResponse(responseCode = "400", description = "Problem `email_required`: the user has no email address",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDocs.PROBLEM))
    ResponseEntity<UserResponse> invite(@PathVariable String id, HttpServletRequest request) {
        UserView user = done(invitations.resend(account(id), by(request)));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(UserResponse.of(user));
    }

    @PostMapping("/users/{id}/disable")
    @Operation(summary = "Disable a user", description = "The account can no longer log in, recover or refresh"
            + " tokens; every session ends and applications' tokens are revoked. Disabling a disabled user changes"
            + " nothing.")
    @ApiResponse(responseCode = "200", description = "The user, now disabled")
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDocs.PROBLEM))
    UserResponse disable(@PathVariable String id, HttpServletRequest request) {
        AccountId account = account(id);
        done(disabling.disable(account, by(request)));
        return read(id);
    }

    @PostMapping("/users/{id}/enable")
    @Operation(summary = "Enable a disabled user")
    @ApiResponse(responseCode = "200", description = "The user, now enabled")
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDocs.PROBLEM))
    UserResponse enable(@PathVariable String id, HttpServletRequest request) {
        AccountId account = account(id);
        done(disabling.enable(account, by(request)));
        return read(id);
    }

    @GetMapping("/users/{id}/two-step")
    @Operation(summary = "A user's two-step methods and backup codes left")
    @ApiResponse(responseCode = "200", description = "methods: totp, sms, passkey, backup_code")
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDocs.PROBLEM))
    TwoStepResponse twoStep(@PathVariable String id) {
        return TwoStepResponse.of(done(twoStep.status(account(id))));
    }

    @PostMapping("/users/{id}/two-step/reset")
    @Operation(summary = "Remove one two-step method or all of them (reset two-step)", description = "method: all"
            + " (default; passkeys too, and every trusted browser and app is forgotten), totp, sms, passkeys or"
            + " backup-codes. The person is told on every channel. Unless immediately is"
            + " true the removal waits aikagi.recovery.waiting-period (202, state waiting) and the message has a link"
            + " to cancel it, as for a recovery; with immediately true it happens now (200, state done). Either way"
            + " every session of the account ends when the methods are removed.")
    @ApiResponse(responseCode = "200", description = "Done now (immediately: true)")
    @ApiResponse(responseCode = "202", description = "Waiting: takes effect at effectiveAt unless cancelled")
    @ApiResponse(responseCode = "400", description = "Problem `unknown_method`", content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "404", description = NOT_FOUND + "; `method_not_found`: the user has no such method",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    ResponseEntity<ResetResponse> reset(@PathVariable String id, @RequestBody(required = false) ResetRequest body,
                                        HttpServletRequest request) {
        AccountId account = account(id);
        ResetRequest reset = body == null ? new ResetRequest(null, null) : body;
        AdminTwoStep.Method method = reset.method() == null ? AdminTwoStep.Method.ALL
                : AdminTwoStep.Method.parse(reset.method()).orElseThrow(() -> new ApiException(AdminFailures.UNKNOWN_METHOD));
        if (Boolean.TRUE.equals(reset.immediately())) {
            TwoStepStatus after = done(resets.now(account, method, by(request)));
            return ResponseEntity.ok(new ResetResponse("done", method.value(), null, TwoStepResponse.of(after)));
        }
        Instant effectiveAt = done(resets.request(account, method, by(request)));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ResetResponse("waiting", method.value(),
                effectiveAt, TwoStepResponse.of(done(twoStep.status(account)))));
    }

    @GetMapping("/users/{id}/sessions")
    @Operation(summary = "A user's active sessions, newest first")
    @ApiResponse(responseCode = "200", description = "The sessions")
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDocs.PROBLEM))
    SessionsResponse sessions(@PathVariable String id) {
        return new SessionsResponse(done(sessions.list(account(id))).stream().map(SessionResponse::of).toList());
    }

    @DeleteMapping("/users/{id}/sessions/{sessionId}")
    @Operation(summary = "End one session of a user", description = "Applications' tokens given on its strength end too.")
    @ApiResponse(responseCode = "204", description = "Ended")
    @ApiResponse(responseCode = "404", description = NOT_FOUND + "; `session_not_found`",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    ResponseEntity<Void> endSession(@PathVariable String id, @PathVariable String sessionId, HttpServletRequest request) {
        UUID session;
        try {
            session = UUID.fromString(sessionId);
        } catch (IllegalArgumentException malformed) {
            session = null;
        }
        done(sessions.end(account(id), session, by(request)));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/users/{id}/sessions")
    @Operation(summary = "End every session of a user", description = "And every application's tokens for the account.")
    @ApiResponse(responseCode = "200", description = "How many sessions ended")
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDocs.PROBLEM))
    EndedResponse endSessions(@PathVariable String id, HttpServletRequest request) {
        return new EndedResponse(done(sessions.endAll(account(id), by(request))));
    }

    @PutMapping("/users/{id}/roles/{role}")
    @Operation(summary = "Grant a role (support-agent or admin)")
    @ApiResponse(responseCode = "200", description = "The user, holding the role")
    @ApiResponse(responseCode = "400", description = "Problem `unknown_role`", content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDocs.PROBLEM))
    UserResponse grant(@PathVariable String id, @PathVariable String role) {
        Role parsed = Role.parse(role).orElseThrow(() -> new ApiException(AdminFailures.UNKNOWN_ROLE));
        UserView user = users.find(account(id)).orElseThrow(() -> notFound());
        roles.grant(user.username(), parsed);
        return read(id);
    }

    @DeleteMapping("/users/{id}/roles/{role}")
    @Operation(summary = "Revoke a role (support-agent or admin)")
    @ApiResponse(responseCode = "200", description = "The user, no longer holding the role")
    @ApiResponse(responseCode = "400", description = "Problem `unknown_role`", content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "404", description = NOT_FOUND, content = @Content(mediaType = ApiDocs.PROBLEM))
    UserResponse revoke(@PathVariable String id, @PathVariable String role) {
        Role parsed = Role.parse(role).orElseThrow(() -> new ApiException(AdminFailures.UNKNOWN_ROLE));
        UserView user = users.find(account(id)).orElseThrow(() -> notFound());
        roles.revoke(user.username(), parsed);
        return read(id);
    }

    private static String by(HttpServletRequest request) {
        return "client:" + AdminTokens.client(request);
    }

    /** The account id of the path; a malformed one names no account. */
    private static AccountId account(String id) {
        try {
            return AccountId.parse(id);
        } catch (IllegalArgumentException malformed) {
            throw notFound();
        }
    }

    private static ApiException notFound() {
        return new ApiException(AdminFailures.of(AdminFailure.USER_NOT_FOUND));
    }

    private static <T> T done(Outcome<T, AdminFailure> outcome) {
        return switch (outcome) {
            case Outcome.Done<T, AdminFailure> done -> done.value();
            case Outcome.Refused<T, AdminFailure> refused -> throw new ApiException(AdminFailures.of(refused.failure()));
        };
    }
}
