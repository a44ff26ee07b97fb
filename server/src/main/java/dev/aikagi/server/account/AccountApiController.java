package dev.aikagi.server.account;

import dev.aikagi.server.web.ApiException;
import dev.aikagi.server.web.ApiProblemHandler;
import dev.aikagi.server.web.ApiRequests;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.server.web.ClientAddresses;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
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
        SignUp.Result result = signUp.register(username, password, ClientAddresses.of(request).value());
        if (result.problem().isPresent()) {
            SignUp.Problem problem = result.problem().get();
            if (problem == SignUp.Problem.TOO_MANY_ATTEMPTS) {
                // 429 with Retry-After (ApiProblemHandler): too many sign-ups from this address, nothing was hashed.
                throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts",
                        "Too many sign-ups from this network. Try again after retryAt.", result.retryAt());
            }
            throw new ApiException(problem == SignUp.Problem.USERNAME_TAKEN ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST,
                    problem.name().toLowerCase(java.util.Locale.ROOT), DETAILS.get(problem));
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new SignUpResponse(result.accountId().orElseThrow().toString()));
    }

    private static final Map<SignUp.Problem, String> DETAILS = Map.of(
            SignUp.Problem.USERNAME_INVALID, "A username is 3-64 letters, digits or . _ - @ +, in one writing system"
                    + " (Latin may mix with Han, Hiragana and Katakana; not with Greek or Cyrillic).",
            SignUp.Problem.USERNAME_TAKEN, "That username is taken.",
            SignUp.Problem.PASSWORD_TOO_SHORT, "A password needs at least 8 characters; 15 or more is better.",
            SignUp.Problem.PASSWORD_TOO_LONG, "A password may have at most 256 characters.",
            SignUp.Problem.PASSWORD_COMMON, "That password is too common. Choose another.",
            SignUp.Problem.PASSWORD_CONTAINS_USERNAME, "The password must not contain the username.");
}
