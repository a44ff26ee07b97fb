package dev.aikagi.server.login;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.passkey.Passkeys;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.core.login.PasskeyLogin;
import dev.aikagi.server.web.ApiDocs;
import dev.aikagi.server.web.ApiException;
import dev.aikagi.server.web.PasskeyOptions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Passkeys at login, for apps (issue 17): the request options of the second step, and a login with a passkey alone.
 * The answer goes to {@code POST /api/v1/login/{flowId}/verify} with {@code "method": "passkey"} and
 * {@code "credential"}: the AuthenticationResponseJSON.
 */
@RestController
@RequestMapping("/api/v1/login")
class PasskeyLoginApiController {

    /** A login with a passkey alone: its flow, and the options for the platform's passkey API. */
    record PasskeyLoginStarted(String flowId, Map<String, Object> publicKey) {
    }

    private final PasskeyLogin passkeyLogin;
    private final PasskeyOptions options;

    PasskeyLoginApiController(PasskeyLogin passkeyLogin, PasskeyOptions options) {
        this.passkeyLogin = Objects.requireNonNull(passkeyLogin, "passkeyLogin");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Operation(summary = "Request options for a passkey as the second step of this login (after the password)",
            description = "Answers PublicKeyCredentialRequestOptionsJSON (W3C WebAuthn Level 3 §5.1.9) with a new"
                    + " challenge bound to the flow, used once; allowCredentials lists the account's passkeys and"
                    + " userVerification is required. Then POST /api/v1/login/{flowId}/verify with method passkey.")
    @ApiResponse(responseCode = "200", description = "PublicKeyCredentialRequestOptionsJSON")
    @ApiResponse(responseCode = "400", description = "Problem `method_not_available`: the account has no passkey.",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "410", description = "Problem `flow_expired`.", content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/{flowId}/passkey")
    Map<String, Object> secondStep(@PathVariable UUID flowId) {
        Outcome<Passkeys.AssertionOptions, LoginFailure> started = passkeyLogin.secondStepOptions(flowId);
        return switch (started) {
            case Outcome.Done<Passkeys.AssertionOptions, LoginFailure>(var value) -> options.request(value);
            case Outcome.Refused<Passkeys.AssertionOptions, LoginFailure> refused -> throw new ApiException(
                    LoginFailures.of(refused.failure(), FactorKind.PASSKEY, refused.retryAt()));
        };
    }

    @Operation(summary = "Start a login with a passkey alone (discoverable credential, user verification required)",
            description = "Answers a new flowId and publicKey, PublicKeyCredentialRequestOptionsJSON without"
                    + " allowCredentials. Then POST /api/v1/login/{flowId}/verify with method passkey and the"
                    + " credential; the session is AAL2 with amr [hwk, user, mfa]. Nothing here"
                    + " names an account.")
    @ApiResponse(responseCode = "200", description = "The flow and its request options")
    @PostMapping("/passkey")
    PasskeyLoginStarted alone() {
        PasskeyLogin.Started started = passkeyLogin.start();
        return new PasskeyLoginStarted(started.flow().id().toString(), options.request(started.options()));
    }

}
