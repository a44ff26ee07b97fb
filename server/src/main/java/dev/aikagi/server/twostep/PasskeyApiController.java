package dev.aikagi.server.twostep;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.passkey.Passkey;
import dev.aikagi.core.factor.passkey.Passkeys;
import dev.aikagi.core.settings.PasskeySettings;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.server.web.ApiDocs;
import dev.aikagi.server.web.ApiException;
import dev.aikagi.server.web.ApiRequests;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.PasskeyOptions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import tools.jackson.databind.JsonNode;

/**
 * The signed-in account's passkeys, for apps (issue 17), in the WebAuthn JSON forms: {@code POST /me/passkeys}
 * answers the creation options, {@code POST /me/passkeys/confirm} takes the authenticator's answer, as
 * {@code /me/totp} and {@code /me/totp/confirm} do. Refusals: {@link TwoStepFailures}.
 */
@RestController
@RequestMapping("/api/v1/me/passkeys")
class PasskeyApiController {

    /** @param credential a RegistrationResponseJSON (W3C WebAuthn Level 3 §5.1.4.1) */
    record ConfirmRequest(JsonNode credential, String name) {
    }

    record RemoveRequest(String password) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PasskeyView(String id, String name, Instant createdAt, Instant lastUsedAt) {
        static PasskeyView of(Passkey passkey) {
            return new PasskeyView(passkey.id().toString(), passkey.name(), passkey.createdAt(),
                    passkey.lastUsedAt().orElse(null));
        }
    }

    record PasskeyList(List<PasskeyView> passkeys) {
        static PasskeyList of(List<Passkey> passkeys) {
            return new PasskeyList(passkeys.stream().map(PasskeyView::of).toList());
        }
    }

    record NewCodes(List<String> codes, Instant createdAt) {
        static NewCodes of(IssuedBackupCodes issued) {
            return new NewCodes(issued.displayed(), issued.createdAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PasskeyAdded(PasskeyView passkey, boolean twoStepEnabled, NewCodes backupCodes) {
    }

    private final PasskeySettings settings;
    private final PasskeyOptions options;

    PasskeyApiController(PasskeySettings settings, PasskeyOptions options) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Operation(summary = "Start adding a passkey: the creation options",
            description = "Answers PublicKeyCredentialCreationOptionsJSON (W3C WebAuthn Level 3 §5.1.8) with a"
                    + " challenge bound to this session, used once, valid 5 minutes; resident key and user"
                    + " verification required, attestation none. Needs a recent sign-in or password, and AAL2 when"
                    + " two-step verification is on.")
    @ApiResponse(responseCode = "200", description = "PublicKeyCredentialCreationOptionsJSON")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED
            + " Or `reauthentication_required`.", content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping
    Map<String, Object> start() {
        Passkeys.RegistrationOptions started = unwrap(settings.start(CurrentSession.required()));
        return options.creation(started);
    }

    @Operation(summary = "Finish adding a passkey with the authenticator's answer and a name",
            description = "Body: credential (a RegistrationResponseJSON) and name. The first method of an account"
                    + " turns two-step verification on and answers the first backup codes, as /me/totp/confirm does.")
    @ApiResponse(responseCode = "201", description = "The passkey was added")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED
            + " Or `reauthentication_required`.", content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "422", description = "Problem `passkey_invalid`: the answer was refused (origin, RP"
            + " id, challenge not this session's or used, no user verification, credential registered already).",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    @PostMapping("/confirm")
    ResponseEntity<PasskeyAdded> confirm(@RequestBody ConfirmRequest body, HttpServletRequest request) {
        String credential = PasskeyOptions.answer(body.credential());
        String name = body.name() == null ? "" : body.name();
        if (name.length() > ApiRequests.MAX_FIELD) {
            ApiRequests.required(name, "name");
        }
        PasskeySettings.Added added = unwrap(settings.confirm(CurrentSession.required(), credential, name,
                ClientAddresses.of(request)));
        return ResponseEntity.status(HttpStatus.CREATED).body(new PasskeyAdded(PasskeyView.of(added.passkey()), true,
                added.firstBackupCodes().map(NewCodes::of).orElse(null)));
    }

    @Operation(summary = "The account's passkeys (name, created, last used)")
    @ApiResponse(responseCode = "200", description = "The passkeys, oldest first")
    @GetMapping
    PasskeyList list() {
        return PasskeyList.of(settings.list(CurrentSession.required().accountId()));
    }

    @Operation(summary = "Remove a passkey (the password in the body, as other removals)",
            description = "Body: password. The account's last method is removed by turning two-step verification"
                    + " off instead (409 `last_method`).")
    @ApiResponse(responseCode = "200", description = "The passkeys left")
    @ApiResponse(responseCode = "403", description = ApiDocs.SECOND_FACTOR_REQUIRED, content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "404", description = "Problem `passkey_not_found`.", content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "409", description = "Problem `last_method`.", content = @Content(mediaType = ApiDocs.PROBLEM))
    @ApiResponse(responseCode = "422", description = ApiDocs.WRONG_SECRET, content = @Content(mediaType = ApiDocs.PROBLEM))
    @DeleteMapping("/{id}")
    PasskeyList remove(@PathVariable String id, @RequestBody(required = false) RemoveRequest body,
                       HttpServletRequest request) {
        String password = ApiRequests.required(body == null ? null : body.password(), "password");
        UUID passkeyId;
        try {
            passkeyId = UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            passkeyId = null;
        }
        return PasskeyList.of(unwrap(settings.remove(CurrentSession.required(), passkeyId, password,
                ClientAddresses.of(request))));
    }

    private static <T> T unwrap(Outcome<T, SettingsProblem> outcome) {
        return switch (outcome) {
            case Outcome.Done<T, SettingsProblem> done -> done.value();
            case Outcome.Refused<T, SettingsProblem> refused ->
                    throw new ApiException(TwoStepFailures.of(refused.failure(), FactorKind.PASSKEY, refused.retryAt()));
        };
    }
}
