package dev.aikagi.server.account;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.server.web.ApiException;
import dev.aikagi.server.web.ApiRequests;
import dev.aikagi.server.web.ClientAddresses;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/accounts}: sign up. */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountApiController {

    record SignUpRequest(String username, String password) {
    }

    record SignUpResponse(String accountId) {
    }

    private final SignUp signUp;

    AccountApiController(SignUp signUp) {
        this.signUp = Objects.requireNonNull(signUp, "signUp");
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = SignUpResponse.class)))
    @ApiResponse(responseCode = "409", description = "username_taken: the name, or one that looks the same on screen,"
            + " is taken")
    @ApiResponse(responseCode = "429", description = "too_many_attempts: too many sign-ups from this network"
            + " (aikagi.sign-up.hourly-limit-per-address); Retry-After says when to try again")
    ResponseEntity<SignUpResponse> create(@RequestBody SignUpRequest body, HttpServletRequest request) {
        String username = ApiRequests.required(body.username(), "username");
        String password = ApiRequests.required(body.password(), "password");
        Outcome<AccountId, SignUp.Problem> result = signUp.register(username, password, ClientAddresses.of(request).value());
        return switch (result) {
            case Outcome.Done<AccountId, SignUp.Problem> created -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new SignUpResponse(created.value().toString()));
            // A limit answers 429 with Retry-After (ApiProblemHandler): too many sign-ups from this address.
            case Outcome.Refused<AccountId, SignUp.Problem> refused ->
                    throw new ApiException(AccountFailures.of(refused.failure(), refused.retryAt()));
        };
    }

}
