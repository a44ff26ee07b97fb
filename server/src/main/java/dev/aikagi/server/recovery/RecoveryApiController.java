package dev.aikagi.server.recovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.notify.SecurityNotifications;
import dev.aikagi.core.recovery.RecoveryCompletion;
import dev.aikagi.core.recovery.RecoveryFailure;
import dev.aikagi.core.recovery.RecoveryService;
import dev.aikagi.core.session.Session;
import dev.aikagi.server.web.ApiDocs;
import dev.aikagi.server.web.ApiException;
import dev.aikagi.server.web.ApiRequests;
import dev.aikagi.server.web.ClientAddresses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account recovery for apps (product journey 7): start with a username, prove two things (codes sent to
 * the account's email and phone, or one of them and the password), wait out the waiting period, then get a
 * session that can only set up new factors. Unknown usernames get the same answers.
 *
 * <p>A recovery belongs to whoever started it (issue 14): the start answers a {@code recoveryToken} as well as
 * the {@code recoveryId}, and every later call must carry the token in the {@value #TOKEN_HEADER} header. The
 * id is not a secret (it is in the audit log, which support agents read and export); without the right token
 * an id gets the same {@code 404 recovery_not_found} as an id that does not exist. The token is a header, not
 * part of the path, so that proxies do not log it.
 */
@RestController
@RequestMapping("/api/v1/recovery")
@SecurityRequirements // no session: the recovery token is the credential
class RecoveryApiController {

    /** The header every call after the start carries the recovery token in. */
    static final String TOKEN_HEADER = "Aikagi-Recovery-Token";
    private static final String TOKEN_DESCRIPTION = "The recoveryToken answered by POST /api/v1/recovery (or given"
            + " by a support approval's link). Missing or wrong: 404 recovery_not_found, as for an unknown id.";

    record StartRequest(String username) {
    }

    record Started(
            @Schema(description = "The case's id. Not a secret: it appears in the audit log.")
            String recoveryId,
            @Schema(description = "The secret that every later call must carry in the Aikagi-Recovery-Token header"
                    + " (256 random bits, Base64url). Shown once, stored only as a hash; keep it private.")
            String recoveryToken) {
        @Override
        public String toString() {
            return "Started[" + recoveryId + "]";
        }
    }

    record SendCodeRequest(String channel) {
    }

    record CodeSent(String channel, Instant nextSendAt) {
    }

    record VerifyRequest(String channel, String code, String password) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record State(String state, Instant waitingUntil) {
        static State of(RecoveryService.Status status) {
            return new State(status.state().name(), status.waitingUntil().orElse(null));
        }
    }

    record CancelRequest(String token) {
    }

    record Cancelled(boolean cancelled) {
    }

    record Completed(String sessionToken, List<String> backupCodes, Instant backupCodesCreatedAt) {
        @Override
        public String toString() {
            return "Completed[…]";
        }
    }

    private final RecoveryService recovery;
    private final RecoveryCompletion completion;
    private final SecurityNotifications notifications;

    RecoveryApiController(RecoveryService recovery, RecoveryCompletion completion,
                          SecurityNotifications notifications) {
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.completion = Objects.requireNonNull(completion, "completion");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
    }

    /** Starts a recovery. 202 with the same keys whether or not the account exists. */
    @PostMapping
    @Operation(summary = "Start a recovery", description = "202 {recoveryId, recoveryToken}, the same for known and"
            + " unknown usernames. Every later call carries the token in the Aikagi-Recovery-Token header.")
    @ApiResponse(responseCode = "202", description = "Started")
    ResponseEntity<Started> start(@RequestBody StartRequest body, HttpServletRequest request) {
        RecoveryService.Started started = unwrap(recovery.start(ApiRequests.required(body.username(), "username"),
                ClientAddresses.of(request)));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Started(started.id().toString(), started.token()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Where a recovery stands")
    @ApiResponse(responseCode = "404", description = "recovery_not_found: no such case, or a missing or wrong token")
    State state(@PathVariable UUID id, @Parameter(in = ParameterIn.HEADER, name = TOKEN_HEADER,
            description = TOKEN_DESCRIPTION, required = true) @RequestHeader(name = TOKEN_HEADER, required = false)
            String token) {
        return State.of(unwrap(recovery.status(id, token)));
    }

    /** Sends a recovery code by {@code email} or {@code sms}. The address is not shown, even masked. */
    @PostMapping("/{id}/send-code")
    @Operation(summary = "Send a recovery code by email or sms")
    @ApiResponse(responseCode = "429", description = ApiDocs.TOO_MANY_SENDS)
    @ApiResponse(responseCode = "404", description = "recovery_not_found: no such case, or a missing or wrong token")
    ResponseEntity<CodeSent> sendCode(@PathVariable UUID id, @Parameter(in = ParameterIn.HEADER, name = TOKEN_HEADER,
            description = TOKEN_DESCRIPTION, required = true) @RequestHeader(name = TOKEN_HEADER, required = false)
            String token, @RequestBody SendCodeRequest body, HttpServletRequest request) {
        RecoveryService.CodeSent sent = unwrap(recovery.sendCode(id, token,
                ApiRequests.required(body.channel(), "channel"), ClientAddresses.of(request)));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new CodeSent(sent.channel().value(), sent.nextSendAt()));
    }

    /** One proof: {@code {channel: "email"|"sms", code}} or {@code {channel: "password", password}}. */
    @PostMapping("/{id}/verify")
    @Operation(summary = "Give one proof: a code sent by email or sms, or the password")
    @ApiResponse(responseCode = "404", description = "recovery_not_found: no such case, or a missing or wrong token")
    @ApiResponse(responseCode = "422", description = "recovery_proof_invalid, code_expired or code_superseded: the"
            + " case and its token stay valid; ask for a new code or try again")
    State verify(@PathVariable UUID id, @Parameter(in = ParameterIn.HEADER, name = TOKEN_HEADER,
            description = TOKEN_DESCRIPTION, required = true) @RequestHeader(name = TOKEN_HEADER, required = false)
            String token, @RequestBody VerifyRequest body, HttpServletRequest request) {
        String channel = ApiRequests.required(body.channel(), "channel");
        String secret = "password".equals(channel)
                ? ApiRequests.required(body.password(), "password")
                : ApiRequests.required(body.code(), "code");
        return State.of(unwrap(recovery.verify(id, token, channel, secret, ClientAddresses.of(request))));
    }

    /** Only in state READY: a session good for new factors, and a new set of backup codes. */
    @PostMapping("/{id}/complete")
    @Operation(summary = "Complete a recovery whose waiting period is over")
    @ApiResponse(responseCode = "404", description = "recovery_not_found: no such case, or a missing or wrong token")
    Completed complete(@PathVariable UUID id, @Parameter(in = ParameterIn.HEADER, name = TOKEN_HEADER,
            description = TOKEN_DESCRIPTION, required = true) @RequestHeader(name = TOKEN_HEADER, required = false)
            String token, HttpServletRequest request) {
        RecoveryService.Completed done = unwrap(completion.complete(id, token, Session.Kind.API,
                ClientAddresses.of(request)));
        return new Completed(done.session().token(), done.backupCodes().displayed(), done.backupCodes().createdAt());
    }

    /** The owner's "cancel" from the recovery notice: ends every session and every recovery in progress. */
    @PostMapping("/cancel")
    Cancelled cancel(@RequestBody CancelRequest body, HttpServletRequest request) {
        String token = ApiRequests.required(body.token(), "token");
        if (notifications.reportNotMe(token, ClientAddresses.of(request).value()).isEmpty()) {
            throw new ApiException(RecoveryFailures.LINK_INVALID);
        }
        return new Cancelled(true);
    }

    private static <T> T unwrap(Outcome<T, RecoveryFailure> outcome) {
        return switch (outcome) {
            case Outcome.Done<T, RecoveryFailure> done -> done.value();
            case Outcome.Refused<T, RecoveryFailure> refused ->
                    throw new ApiException(RecoveryFailures.of(refused.failure(), refused.retryAt()));
        };
    }
}
