package dev.aikagi.server.web;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.aikagi.core.Outcome;
import dev.aikagi.core.factor.passkey.Passkey;
import dev.aikagi.core.factor.passkey.PasskeyCeremonies;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The WebAuthn checks of {@link PasskeyCeremonies}, by webauthn4j (W3C WebAuthn Level 3 §7.1 and §7.2): the client
 * data's type, challenge and origin, the RP id hash, the user-present and user-verified flags, the algorithm, the
 * signature and the counter. Attestation "none" is accepted (no attestation is asked for: passkeys are not
 * restricted to certain makers). The relying party is the operator's ({@code aikagi.passkeys.*}).
 */
public final class WebAuthnCeremonies implements PasskeyCeremonies {

    /** ES256, then RS256 (WebAuthn §5.8.3: in the order of preference of the options). */
    public static final List<Long> ALGORITHMS = List.of(-7L, -257L);

    private static final List<PublicKeyCredentialParameters> PARAMETERS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private final WebAuthnManager manager;
    private final ObjectConverter converter;
    private final String rpId;
    private final Set<Origin> origins;
    private final boolean anyLocalhostPort;

    /**
     * @param rpId             the relying party id (a domain)
     * @param origins          the page origins passkeys may answer from
     * @param anyLocalhostPort also accept {@code http://localhost:<any port>} (development mode with RP id localhost)
     */
    public WebAuthnCeremonies(String rpId, List<String> origins, boolean anyLocalhostPort) {
        this.rpId = Objects.requireNonNull(rpId, "rpId");
        this.origins = Set.copyOf(Objects.requireNonNull(origins, "origins").stream().map(Origin::new).toList());
        this.anyLocalhostPort = anyLocalhostPort;
        this.converter = new ObjectConverter();
        this.manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    }

    public String rpId() {
        return rpId;
    }

    @Override
    public Optional<Claimed> read(String responseJson) {
        try {
            JsonNode root = converter.getJsonMapper().readTree(responseJson);
            JsonNode response = root.path("response");
            String clientData = new String(Base64.getUrlDecoder().decode(response.path("clientDataJSON").asString("")),
                    StandardCharsets.UTF_8);
            String challenge = converter.getJsonMapper().readTree(clientData).path("challenge").asString("");
            if (challenge.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> credentialId = Optional.of(root.path("id").asString("")).filter(s -> !s.isEmpty());
            Optional<String> userHandle = Optional.of(response.path("userHandle").asString(""))
                    .filter(s -> !s.isEmpty());
            return Optional.of(new Claimed(challenge, credentialId, userHandle));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    @Override
    public Outcome<Registered, Invalid> verifyRegistration(String responseJson, String challenge) {
        try {
            RegistrationData data = manager.parseRegistrationResponseJSON(responseJson);
            manager.verify(data, new RegistrationParameters(server(challenge), PARAMETERS, true, true));
            AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
            AttestedCredentialData credential = authenticator.getAttestedCredentialData();
            byte[] cose = converter.getCborConverter().writeValueAsBytes(credential.getCOSEKey());
            return Outcome.done(new Registered(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(credential.getCredentialId()), Base64.getEncoder().encodeToString(cose),
                    authenticator.getSignCount(), authenticator.isFlagUV()));
        } catch (VerificationException e) {
            return Outcome.refused(reason(e));
        } catch (DataConversionException | IllegalArgumentException | NullPointerException e) {
            return Outcome.refused(Invalid.MALFORMED);
        }
    }

    @Override
    public Outcome<Asserted, Invalid> verifyAssertion(String responseJson, String challenge, Passkey passkey) {
        try {
            AuthenticationData data = manager.parseAuthenticationResponseJSON(responseJson);
            byte[] credentialId = Base64.getUrlDecoder().decode(passkey.credentialId());
            COSEKey key = converter.getCborConverter().readValue(Base64.getDecoder().decode(passkey.publicKey()),
                    COSEKey.class);
            CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null,
                    passkey.signCount(), new AttestedCredentialData(AAGUID.ZERO, credentialId, key), null, null, null,
                    null);
            manager.verify(data, new AuthenticationParameters(server(challenge), record, List.of(credentialId), true, true));
            AuthenticatorData<?> authenticator = data.getAuthenticatorData();
            return Outcome.done(new Asserted(authenticator.getSignCount(), authenticator.isFlagUV()));
        } catch (VerificationException e) {
            return Outcome.refused(reason(e));
        } catch (DataConversionException | IllegalArgumentException | NullPointerException e) {
            return Outcome.refused(Invalid.MALFORMED);
        }
    }

    private ServerProperty server(String challenge) {
        return ServerProperty.builder()
                .originPredicate(this::accepts)
                .rpId(rpId)
                .challenge(new DefaultChallenge(challenge))
                .build();
    }

    /** Whether answers from the page (or app) at {@code origin} are accepted. */
    public boolean accepts(String origin) {
        return accepts(new Origin(origin));
    }

    private boolean accepts(Origin origin) {
        if (origins.contains(origin)) {
            return true;
        }
        return anyLocalhostPort && "http".equals(origin.getScheme()) && "localhost".equals(origin.getHost());
    }

    private static Invalid reason(VerificationException e) {
        return switch (e) {
            case BadOriginException o -> Invalid.ORIGIN;
            case BadRpIdException r -> Invalid.RP_ID;
            case BadChallengeException c -> Invalid.CHALLENGE;
            case BadSignatureException s -> Invalid.SIGNATURE;
            case UserNotVerifiedException u -> Invalid.USER_VERIFICATION;
            case MaliciousCounterValueException m -> Invalid.COUNTER;
            default -> Invalid.OTHER;
        };
    }
}
