package dev.aikagi.server.account;

import dev.aikagi.core.trust.TrustedDevice;
import dev.aikagi.core.trust.TrustedDevices;
import dev.aikagi.server.web.ApiDocs;
import dev.aikagi.server.web.ApiException;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.PageInputs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 17: the account's trusted devices for apps ({@code GET /api/v1/me/devices}), and ending their trust, one
 * ({@code DELETE /api/v1/me/devices/{id}}) or all ({@code DELETE /api/v1/me/devices}). The {@code id} is a random
 * handle, never the device's secret. A valid session is enough, without re-authentication: removing trust only
 * lowers privilege (the device is asked for the second step again).
 */
@RestController
@RequestMapping("/api/v1/me/devices")
class TrustedDevicesApiController {

    /**
     * @param kind        {@code browser} or {@code app}
     * @param device      what the device was, as stored ({@code chrome/windows}, {@code app}); pages translate it
     * @param lastNetwork the /24 or /48 it was last used from
     */
    record TrustedDeviceView(String id, String kind, String device, Instant createdAt, Instant lastUsedAt,
                             String lastNetwork, Instant expiresAt) {
        static TrustedDeviceView of(TrustedDevice d) {
            return new TrustedDeviceView(d.id().toString(), d.kind().name().toLowerCase(Locale.ROOT), d.description(),
                    d.createdAt(), d.lastUsedAt(), d.lastNetwork(), d.expiresAt());
        }
    }

    record Removed(int removed) {
    }

    private final TrustedDevices trusted;

    TrustedDevicesApiController(TrustedDevices trusted) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
    }

    @Operation(summary = "The browsers and apps that skip the second step (trust not yet expired), most recently"
            + " used first")
    @ApiResponse(responseCode = "200", description = "The trusted devices")
    @GetMapping
    List<TrustedDeviceView> list() {
        return trusted.list(CurrentSession.required().accountId()).stream().map(TrustedDeviceView::of).toList();
    }

    @Operation(summary = "Ends the trust of one device: its next login asks for the second step again")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "device_not_found: the account trusts no device with this id",
            content = @Content(mediaType = ApiDocs.PROBLEM))
    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable String id, HttpServletRequest request) {
        UUID device = PageInputs.uuid(id).orElseThrow(() -> new ApiException(AccountFailures.TRUSTED_DEVICE_NOT_FOUND));
        if (!trusted.remove(CurrentSession.required().accountId(), device, ClientAddresses.of(request))) {
            throw new ApiException(AccountFailures.TRUSTED_DEVICE_NOT_FOUND);
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Ends the trust of every device of the account")
    @ApiResponse(responseCode = "200", description = "How many devices were removed")
    @DeleteMapping
    Removed removeAll(HttpServletRequest request) {
        return new Removed(trusted.removeAll(CurrentSession.required().accountId(), ClientAddresses.of(request)));
    }
}
