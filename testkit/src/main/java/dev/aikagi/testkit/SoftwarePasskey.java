package dev.aikagi.testkit;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A software authenticator for tests (issue 17): one EC P-256 passkey (ES256), "none" attestation, user present
 * and verified, a signature counter; it answers the server's options in the WebAuthn JSON forms
 * (RegistrationResponseJSON, AuthenticationResponseJSON), written with webauthn4j's converters. Knobs make the
 * answers a browser would never send: another origin, another RP id, a counter that does not move.
 */
public final class SoftwarePasskey {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectConverter CONVERTER = new ObjectConverter();

    private final KeyPair keys;
    private final byte[] credentialId;
    private String origin;
    private String rpId;
    private long counter;
    private boolean userVerified = true;
    private String userHandle;

    /** A new passkey for pages at {@code origin} of the relying party {@code rpId}. */
    public SoftwarePasskey(String origin, String rpId) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.rpId = Objects.requireNonNull(rpId, "rpId");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is required of every Java platform", e);
        }
        this.credentialId = new byte[16];
        new SecureRandom().nextBytes(credentialId);
    }

    /** The credential id, Base64url. */
    public String id() {
        return B64URL.encodeToString(credentialId);
    }

    /** Answers from another page origin from now on (a phishing page's, say). */
    public SoftwarePasskey origin(String newOrigin) {
        this.origin = newOrigin;
        return this;
    }

    /** Signs for another relying party from now on. */
    public SoftwarePasskey rpId(String newRpId) {
        this.rpId = newRpId;
        return this;
    }

    /** Sets the signature counter the next answer starts from (it adds one before signing). */
    public SoftwarePasskey counter(long value) {
        this.counter = value;
        return this;
    }

    /** Whether the next answers say the user was verified. */
    public SoftwarePasskey userVerified(boolean verified) {
        this.userVerified = verified;
        return this;
    }

    /** The RegistrationResponseJSON for PublicKeyCredentialCreationOptionsJSON {@code options}. */
    public ObjectNode register(JsonNode options) {
        userHandle = options.path("user").path("id").asString();
        byte[] clientData = clientData("webauthn.create", options.path("challenge").asString());
        EC2COSEKey key = EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256);
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> data = new AuthenticatorData<>(rpIdHash(),
                flags(true), counter, new AttestedCredentialData(AAGUID.ZERO, credentialId, key));
        byte[] attestation = new AttestationObjectConverter(CONVERTER)
                .convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));
        ObjectNode response = ApiClient.JSON.createObjectNode();
        response.put("clientDataJSON", B64URL.encodeToString(clientData));
        response.put("attestationObject", B64URL.encodeToString(attestation));
        response.putArray("transports").add("internal");
        return credential(response);
    }

    /** The AuthenticationResponseJSON for PublicKeyCredentialRequestOptionsJSON {@code options}. */
    public ObjectNode login(JsonNode options) {
        counter++;
        byte[] clientData = clientData("webauthn.get", options.path("challenge").asString());
        byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER).convert(
                new AuthenticatorData<>(rpIdHash(), flags(false), counter));
        byte[] signature;
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(authenticatorData);
            signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 is required of every Java platform", e);
        }
        ObjectNode response = ApiClient.JSON.createObjectNode();
        response.put("clientDataJSON", B64URL.encodeToString(clientData));
        response.put("authenticatorData", B64URL.encodeToString(authenticatorData));
        response.put("signature", B64URL.encodeToString(signature));
        if (userHandle != null) {
            response.put("userHandle", userHandle);
        }
        return credential(response);
    }

    private ObjectNode credential(ObjectNode response) {
        ObjectNode credential = ApiClient.JSON.createObjectNode();
        credential.put("id", id());
        credential.put("rawId", id());
        credential.put("type", "public-key");
        credential.set("response", response);
        credential.putObject("clientExtensionResults");
        credential.put("authenticatorAttachment", "platform");
        return credential;
    }

    private byte[] clientData(String type, String challenge) {
        ObjectNode data = ApiClient.JSON.createObjectNode();
        data.put("type", type);
        data.put("challenge", challenge);
        data.put("origin", origin);
        data.put("crossOrigin", false);
        return ApiClient.JSON.writeValueAsString(data).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] rpIdHash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** UP (bit 0), UV (bit 2) when verified, AT (bit 6) with attested credential data (WebAuthn §6.1). */
    private byte flags(boolean attested) {
        int flags = AuthenticatorData.BIT_UP | (userVerified ? AuthenticatorData.BIT_UV : 0)
                | (attested ? AuthenticatorData.BIT_AT : 0);
        return (byte) flags;
    }
}
