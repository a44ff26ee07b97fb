package dev.aikagi.server.web;

import dev.aikagi.core.factor.passkey.Passkeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The options of the two WebAuthn ceremonies in their JSON forms (W3C WebAuthn Level 3 §5.1.8
 * PublicKeyCredentialCreationOptionsJSON and §5.1.9 PublicKeyCredentialRequestOptionsJSON): what the pages' script
 * gives to {@code PublicKeyCredential.parseCreationOptionsFromJSON} / {@code parseRequestOptionsFromJSON} and what
 * native apps' platform APIs take as they are. Discoverable credentials and user verification are required.
 */
public final class PasskeyOptions {

    /** How long the browser waits for the person, in milliseconds (the challenge lives a little longer). */
    public static final long TIMEOUT_MILLIS = 240_000;

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    private final String rpId;
    private final String rpName;

    public PasskeyOptions(String rpId, String rpName) {
        this.rpId = Objects.requireNonNull(rpId, "rpId");
        this.rpName = Objects.requireNonNull(rpName, "rpName");
    }

    /** PublicKeyCredentialCreationOptionsJSON. */
    public Map<String, Object> creation(Passkeys.RegistrationOptions options) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("challenge", options.challenge());
        json.put("rp", Map.of("id", rpId, "name", rpName));
        json.put("user", Map.of("id", options.userHandle(), "name", options.userName(),
                "displayName", options.userName()));
        json.put("pubKeyCredParams", WebAuthnCeremonies.ALGORITHMS.stream()
                .map(alg -> Map.of("type", "public-key", "alg", alg)).toList());
        json.put("timeout", TIMEOUT_MILLIS);
        json.put("excludeCredentials", descriptors(options.excludeCredentials()));
        json.put("authenticatorSelection", Map.of("residentKey", "required", "requireResidentKey", true,
                "userVerification", "required"));
        json.put("attestation", "none");
        return json;
    }

    /** PublicKeyCredentialRequestOptionsJSON. */
    public Map<String, Object> request(Passkeys.AssertionOptions options) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("challenge", options.challenge());
        json.put("rpId", rpId);
        json.put("timeout", TIMEOUT_MILLIS);
        json.put("allowCredentials", descriptors(options.allowCredentials()));
        json.put("userVerification", "required");
        return json;
    }

    /** Options as JSON text, for a page's {@code data-passkey-options}. */
    public static String json(Map<String, Object> options) {
        return JSON.writeValueAsString(options);
    }

    /** The authenticator's answer as the JSON text the WebAuthn checks read; a missing or huge one is a 400. */
    public static String answer(tools.jackson.databind.JsonNode credential) {
        if (credential == null || !credential.isObject()) {
            throw new ApiException(Refusal.of(org.springframework.http.HttpStatus.BAD_REQUEST, "missing_field",
                    "api.error.missing_field", "credential"));
        }
        String text = credential.toString();
        if (text.length() > 16 * ApiRequests.MAX_FIELD) {
            throw new ApiException(Refusal.of(org.springframework.http.HttpStatus.BAD_REQUEST, "field_too_long",
                    "api.error.field_too_long", "credential"));
        }
        return text;
    }

    private static List<Map<String, Object>> descriptors(List<String> credentialIds) {
        return credentialIds.stream().map(id -> Map.<String, Object>of("type", "public-key", "id", id)).toList();
    }
}
