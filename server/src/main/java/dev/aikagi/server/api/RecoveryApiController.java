package dev.aikagi.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aikagi.core.notify.SecurityNotifications;
import dev.aikagi.core.recovery.RecoveryFailure;
import dev.aikagi.core.recovery.RecoveryService;
import dev.aikagi.core.session.Session;
import dev.aikagi.server.web.ClientAddresses;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account recovery for apps (product journey 7): start with a username, prove two things (codes sent to
 * the account's email and phone, or one of them and the password), wait out the waiting period, then get a
 * session that can only set up new factors. Unknown usernames get the same answers.
 */
@RestController
@RequestMapping("/api/v1/recovery")
class RecoveryApiController {

    record StartRequest(String username) {
    }

    record Started(String recoveryId) {
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
    private final SecurityNotifications notifications;

    RecoveryApiController(RecoveryService recovery, SecurityNotifications notifications) {
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
    }

    /** Starts a recovery. 202 with the same keys whether or not the account exists. */
    @PostMapping
    ResponseEntity<Started> start(@RequestBody StartRequest body, HttpServletRequest request) {
        UUID id = unwrap(recovery.start(ApiRequests.required(body.username(), "username"), ClientAddresses.of(request)));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Started(id.toString()));
    }

    @GetMapping("/{id}")
    State state(@PathVariable UUID id) {
        return State.of(unwrap(recovery.status(id)));
    }

    /** Sends a recovery code by {@code email} or {@code sms}. The address is not shown, even masked. */
    @PostMapping("/{id}/send-code")
    ResponseEntity<CodeSent> sendCode(@PathVariable UUID id, @RequestBody SendCodeRequest body,
                                      HttpServletRequest request) {
        RecoveryService.CodeSent sent = unwrap(recovery.sendCode(id, ApiRequests.required(body.channel(), "channel"),
                ClientAddresses.of(request)));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new CodeSent(sent.channel().value(), sent.nextSendAt()));
    }

    /** One proof: {@code {channel: "email"|"sms", code}} or {@code {channel: "password", password}}. */
    @PostMapping("/{id}/verify")
    State verify(@PathVariable UUID id, @RequestBody VerifyRequest body, HttpServletRequest request) {
        String channel = ApiRequests.required(body.channel(), "channel");
        String secret = "password".equals(channel)
                ? ApiRequests.required(body.password(), "password")
                : ApiRequests.required(body.code(), "code");
        return State.of(unwrap(recovery.verify(id, channel, secret, ClientAddresses.of(request))));
    }

    /** Only in state READY: a session good for new factors, and a new set of backup codes. */
    @PostMapping("/{id}/complete")
    Completed complete(@PathVariable UUID id, HttpServletRequest request) {
        RecoveryService.Completed done = unwrap(recovery.complete(id, Session.Kind.API, ClientAddresses.of(request)));
        return new Completed(done.session().token(), done.backupCodes().displayed(), done.backupCodes().createdAt());
    }

    /** The owner's "cancel" from the recovery notice: ends every session and every recovery in progress. */
    @PostMapping("/cancel")
    Cancelled cancel(@RequestBody CancelRequest body, HttpServletRequest request) {
        String token = ApiRequests.required(body.token(), "token");
        if (notifications.reportNotMe(token, ClientAddresses.of(request).value()).isEmpty()) {
            throw new ApiException(HttpStatus.GONE, "link_invalid",
                    "This link has expired or was already used. Log in and check your security activity.");
        }
        return new Cancelled(true);
    }

    private static <T> T unwrap(RecoveryService.Outcome<T> outcome) {
        if (outcome.isOk()) {
            return outcome.value().orElseThrow();
        }
        RecoveryFailure failure = outcome.failure().orElseThrow();
        HttpStatus status = switch (failure) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CLOSED -> HttpStatus.GONE;
            case NOT_READY -> HttpStatus.CONFLICT;
            case UNKNOWN_CHANNEL, CODE_MALFORMED -> HttpStatus.BAD_REQUEST;
            case PROOF_INVALID, CODE_EXPIRED, CODE_SUPERSEDED -> HttpStatus.UNAUTHORIZED;
            case TOO_MANY_ATTEMPTS, TOO_MANY_SENDS -> HttpStatus.TOO_MANY_REQUESTS;
        };
        String detail = switch (failure) {
            case NOT_FOUND -> "No such recovery. Start again with POST /api/v1/recovery.";
            case CLOSED -> "This recovery has ended (expired, cancelled or completed). Start again if you need to.";
            case NOT_READY -> "Not yet: prove two things first, then wait until waitingUntil.";
            case UNKNOWN_CHANNEL -> "channel must be \"email\", \"sms\" or (to verify only) \"password\".";
            case CODE_MALFORMED -> "A recovery code has 6 digits.";
            case PROOF_INVALID -> "That is not right. Check the code, or ask for a new one.";
            case CODE_EXPIRED -> "That code has expired. Ask for a new one.";
            case CODE_SUPERSEDED -> "A newer code was sent since. Use the code from the latest message.";
            case TOO_MANY_ATTEMPTS -> "Too many attempts. Try again after retryAt.";
            case TOO_MANY_SENDS -> "Too many codes sent. Try again after retryAt.";
        };
        throw new ApiException(status, failure.code(), detail, outcome.retryAt());
    }
}
