package dev.aikagi.server.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.settings.ContactSettings;
import dev.aikagi.core.settings.SettingsProblem;
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
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in account's phone number and email address, for apps: each is verified with a code before it
 * counts. Refusals: {@link ContactFailures}.
 */
@RestController
@RequestMapping("/api/v1/me")
class ContactApiController {

    record PhoneRequest(String phoneNumber) {
    }

    record EmailRequest(String email) {
    }

    record CodeRequest(String code) {
    }

    record CodeSentResponse(String channel, String destination, Instant nextSendAt) {
        static CodeSentResponse of(ContactSettings.CodeSent sent) {
            return new CodeSentResponse(sent.channel().value(), sent.destination(), sent.nextSendAt());
        }
    }

    record NewCodes(List<String> codes, Instant createdAt) {
        static NewCodes of(IssuedBackupCodes issued) {
            return new NewCodes(issued.displayed(), issued.createdAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PhoneConfirmedResponse(String phone, boolean smsLogin, boolean twoStepEnabled, NewCodes backupCodes) {
    }

    record EmailConfirmedResponse(String email, Instant verifiedAt) {
    }

    private final ContactSettings contacts;

    ContactApiController(ContactSettings contacts) {
        this.contacts = Objects.requireNonNull(contacts, "contacts");
    }

    /** Sends a verification code by SMS to a new number (E.164). Needs recent authentication. */
    @ApiResponse(responseCode = "202", description = "The code was sent")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "429", description = ApiDocs.TOO_MANY_SENDS, content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/phone")
    ResponseEntity<CodeSentResponse> addPhone(@RequestBody PhoneRequest body, HttpServletRequest request) {
        ContactSettings.CodeSent sent = unwrap(contacts.requestPhone(CurrentSession.required(),
                ApiRequests.required(body.phoneNumber(), "phoneNumber"), ApiRequests.language(request),
                ClientAddresses.of(request)));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(CodeSentResponse.of(sent));
    }

    /** Binds the number with the code it received; it becomes an SMS login method. */
    @ApiResponse(responseCode = "200", description = "The number is verified")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "422", description = ApiDocs.WRONG_SECRET, content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/phone/confirm")
    PhoneConfirmedResponse confirmPhone(@RequestBody CodeRequest body, HttpServletRequest request) {
        ContactSettings.PhoneConfirmed confirmed = unwrap(contacts.confirmPhone(CurrentSession.required(),
                ApiRequests.required(body.code(), "code"), ApiRequests.language(request), ClientAddresses.of(request)));
        return new PhoneConfirmedResponse(confirmed.phone().masked(), confirmed.phone().smsLogin(), true,
                confirmed.firstBackupCodes().map(NewCodes::of).orElse(null));
    }

    /** Sends a verification code to a new email address. Needs recent authentication. */
    @ApiResponse(responseCode = "202", description = "The code was sent")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "429", description = ApiDocs.TOO_MANY_SENDS, content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/email")
    ResponseEntity<CodeSentResponse> addEmail(@RequestBody EmailRequest body, HttpServletRequest request) {
        ContactSettings.CodeSent sent = unwrap(contacts.requestEmail(CurrentSession.required(),
                ApiRequests.required(body.email(), "email"), ApiRequests.language(request), ClientAddresses.of(request)));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(CodeSentResponse.of(sent));
    }

    @ApiResponse(responseCode = "200", description = "The address is verified")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "422", description = ApiDocs.WRONG_SECRET, content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/email/confirm")
    EmailConfirmedResponse confirmEmail(@RequestBody CodeRequest body, HttpServletRequest request) {
        ContactChannel email = unwrap(contacts.confirmEmail(CurrentSession.required(),
                ApiRequests.required(body.code(), "code"), ApiRequests.language(request), ClientAddresses.of(request)));
        return new EmailConfirmedResponse(email.masked(), email.verifiedAt());
    }

    private static <T> T unwrap(Outcome<T, SettingsProblem> outcome) {
        return switch (outcome) {
            case Outcome.Done<T, SettingsProblem> done -> done.value();
            case Outcome.Refused<T, SettingsProblem> refused ->
                    throw new ApiException(ContactFailures.of(refused.failure(), refused.retryAt()));
        };
    }
}
