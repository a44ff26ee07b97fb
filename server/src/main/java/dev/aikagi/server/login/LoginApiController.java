package dev.aikagi.server.login;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.code.SendResult;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.core.login.LoginFlow;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.login.LoginService;
import dev.aikagi.core.login.PasskeyLogin;
import dev.aikagi.core.login.SignIn;
import dev.aikagi.core.login.SignOut;
import dev.aikagi.core.login.TrustedDeviceLogin;
import dev.aikagi.core.trust.TrustedDevices;
import dev.aikagi.server.web.ApiDocs;
import dev.aikagi.server.web.ApiException;
import dev.aikagi.server.web.ApiRequests;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.CurrentSession;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The login journey for apps: password, then a second factor, then a bearer session token. */
@RestController
@RequestMapping("/api/v1")
class LoginApiController {

    record LoginRequest(String username, String password) {
    }

    /**
     * @param rememberDevice issue 17: trust the {@code Aikagi-Device} value to skip the second step from now on
     * @param credential     with {@code method: "passkey"} (issue 17): the authenticator's answer, an
     *                       AuthenticationResponseJSON (W3C WebAuthn Level 3 §5.1.4.2), instead of a code
     */
    record VerifyRequest(String method, String code, Boolean rememberDevice,
                         tools.jackson.databind.JsonNode credential) {
    }

    record MethodRequest(String method) {
    }

    record CodeSentResponse(String method, String destination, java.time.Instant nextSendAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LoginResponse(String status, String sessionToken, String flowId, List<String> methods, String defaultMethod,
                         Integer remainingBackupCodes, List<String> amr, String smsDestination,
                         Boolean deviceRemembered) {
    }

    /**
     * Optional header by which a mobile app identifies its installation: for "new device" notices and, once a
     * login with it completed, for the device's own attempt budget (issue 14). The value is a secret the app
     * makes from at least 16 random bytes (22–128 printable characters, else it is never bound) and keeps.
     */
    static final String DEVICE_HEADER = "Aikagi-Device";

    private final LoginService login;
    private final SignIn signIn;
    private final SignOut signOut;
    private final TrustedDeviceLogin trustedLogin;
    private final TrustedDevices trusted;

    private final PasskeyLogin passkeyLogin;

    LoginApiController(LoginService login, SignIn signIn, SignOut signOut, TrustedDeviceLogin trustedLogin,
                       TrustedDevices trusted, PasskeyLogin passkeyLogin) {
        this.trustedLogin = Objects.requireNonNull(trustedLogin, "trustedLogin");
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.passkeyLogin = Objects.requireNonNull(passkeyLogin, "passkeyLogin");
        this.login = Objects.requireNonNull(login, "login");
        this.signIn = Objects.requireNonNull(signIn, "signIn");
        this.signOut = Objects.requireNonNull(signOut, "signOut");
    }

    @PostMapping("/login")
    @Parameter(in = ParameterIn.HEADER, name = DEVICE_HEADER, required = false, description = "The app installation's"
            + " own secret value (at least 16 random bytes, 22-128 printable characters): a device that completed a"
            + " login keeps its own attempt budget for 30 days; a value remembered by `/verify` with"
            + " `rememberDevice` skips the second step (the answer is AUTHENTICATED at once, amr [pwd, swk])")
    LoginResponse login(@RequestBody LoginRequest body, HttpServletRequest request) {
        String username = ApiRequests.required(body.username(), "username");
        String password = ApiRequests.required(body.password(), "password");
        Optional<String> device = device(request);
        return answer(trustedLogin.submitPassword(username, password, ClientAddresses.of(request), device,
                device.map(TrustedDevices.App::new)), request);
    }

    /** Sends a login code by SMS for this flow ("send again" is cooled down and capped per hour). */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "429", description = ApiDocs.TOO_MANY_SENDS)
    @PostMapping("/login/{flowId}/send-code")
    ResponseEntity<CodeSentResponse> sendCode(@PathVariable UUID flowId, @RequestBody MethodRequest body,
                                              HttpServletRequest request) {
        FactorKind method = ApiRequests.method(body.method());
        Outcome<SendResult.Sent, LoginFailure> result = login.sendCode(flowId, method, ClientAddresses.of(request));
        return switch (result) {
            case Outcome.Done<SendResult.Sent, LoginFailure>(var sent) -> ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(new CodeSentResponse("sms", sent.destination(), sent.nextSendAt()));
            case Outcome.Refused<SendResult.Sent, LoginFailure> refused ->
                    throw failure(new LoginResult.Failed(refused.failure(), refused.retryAt()), method);
        };
    }

    @PostMapping("/login/{flowId}/verify")
    @Parameter(in = ParameterIn.HEADER, name = DEVICE_HEADER, required = false, description = "The app installation's"
            + " own secret value (at least 16 random bytes, 22-128 printable characters): a device that completed a"
            + " login keeps its own attempt budget for 30 days")
    @ApiResponse(responseCode = "400", description = "device_value_too_short:"
            + " `rememberDevice` is true but the Aikagi-Device value is missing or shorter than 22 characters (the"
            + " code was not checked); also unknown_method, code_malformed",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    LoginResponse verify(@PathVariable UUID flowId, @RequestBody VerifyRequest body, HttpServletRequest request) {
        FactorKind method = ApiRequests.method(body.method());
        boolean remember = Boolean.TRUE.equals(body.rememberDevice());
        // Issue 17: the value becomes a key to skip the second step, so it must be random enough; refused before
        // the code is spent.
        if (remember && !TrustedDevices.isAcceptableDeviceValue(device(request).orElse(null))) {
            throw new ApiException(LoginFailures.DEVICE_VALUE_TOO_SHORT);
        }
        LoginResult result = method == FactorKind.PASSKEY
                ? passkeyLogin.verify(flowId, dev.aikagi.server.web.PasskeyOptions.answer(body.credential()),
                        ClientAddresses.of(request), device(request))
                : login.verifySecondFactor(flowId, method, ApiRequests.required(body.code(), "code"),
                        ClientAddresses.of(request), device(request));
        if (result instanceof LoginResult.Failed failed) {
            throw failure(failed, method);
        }
        LoginResponse answer = answer(result, request);
        if (!remember || !(result instanceof LoginResult.Authenticated authenticated)) {
            return answer;
        }
        // Remembered only after an app or SMS code and with the feature on; deviceRemembered says whether it was.
        boolean remembered = trusted.rememberApp(authenticated.flow(), device(request).orElseThrow(), SignIn.APP_DEVICE,
                ClientAddresses.of(request)).isDone();
        return new LoginResponse(answer.status(), answer.sessionToken(), answer.flowId(), answer.methods(),
                answer.defaultMethod(), answer.remainingBackupCodes(), answer.amr(), answer.smsDestination(), remembered);
    }

    /** "Try another way": make another enrolled method the challenge (apps may also just verify with it). */
    @PostMapping("/login/{flowId}/method")
    LoginResponse chooseMethod(@PathVariable UUID flowId, @RequestBody MethodRequest body, HttpServletRequest request) {
        return answer(login.chooseMethod(flowId, ApiRequests.method(body.method())), request);
    }

    /** Ends the session and, as the page's logout does, the applications' tokens it gave. */
    @PostMapping("/logout")
    ResponseEntity<Void> logout(HttpServletRequest request) {
        signOut.signOut(CurrentSession.required(), ClientAddresses.of(request));
        return ResponseEntity.noContent().build();
    }

    private static Optional<String> device(HttpServletRequest request) {
        return Optional.ofNullable(request.getHeader(DEVICE_HEADER));
    }

    private LoginResponse answer(LoginResult result, HttpServletRequest request) {
        return switch (result) {
            case LoginResult.Authenticated a -> {
                SignIn.SignedIn signedIn = signIn.complete(a, new SignIn.App(device(request)), ClientAddresses.of(request));
                yield new LoginResponse("AUTHENTICATED", signedIn.opened().token(), null, null, null,
                        a.remainingBackupCodes().isPresent() ? a.remainingBackupCodes().getAsInt() : null, a.flow().amr(),
                        null, null);
            }
            case LoginResult.SecondFactorRequired s -> {
                LoginFlow flow = s.flow();
                List<String> methods = flow.secondFactors().stream().sorted().map(ApiRequests::methodName).toList();
                yield new LoginResponse("SECOND_FACTOR_REQUIRED", null, flow.id().toString(), methods,
                        ApiRequests.methodName(flow.challenge()), null, null, login.smsDestination(flow).orElse(null),
                        null);
            }
            case LoginResult.Failed f -> throw failure(f, null);
        };
    }

    /** The refusal of a code of {@code method}, or of a step without a code ({@code method} null). */
    private static ApiException failure(LoginResult.Failed failed, FactorKind method) {
        return new ApiException(LoginFailures.of(failed.failure(), method, failed.retryAt()));
    }
}
