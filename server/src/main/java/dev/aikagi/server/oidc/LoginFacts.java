package dev.aikagi.server.oidc;

import dev.aikagi.core.session.AssuranceLevel;
import dev.aikagi.core.session.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a login proved, carried from the Aikagi session to the tokens: the authorization server keeps the
 * signed-in person as an {@link Authentication} in the database between the authorization request and the
 * token request (possibly on another node), so the facts travel as authorities it can store — one
 * {@link FactorGrantedAuthority} per factor (issued at the login), the assurance level and the session id.
 *
 * <p>They become the ID token's {@code amr} (RFC 8176: {@code pwd}, {@code otp}, {@code sms}; ours:
 * {@code backup_code}; {@code mfa} when two factors were used), {@code acr} ({@code aal1} / {@code aal2}),
 * {@code auth_time} and {@code sid}.
 */
public final class LoginFacts {

    public static final String ACR_AAL1 = "aal1";
    public static final String ACR_AAL2 = "aal2";

    private static final String FACTOR = "FACTOR_";
    private static final String AAL = "AAL_";
    private static final String SID = "SID_";

    private LoginFacts() {
    }

    /** The authorization server's view of a signed-in Aikagi session. */
    public static Authentication authentication(Session session) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        for (String amr : session.amr()) {
            authorities.add(FactorGrantedAuthority.withAuthority(FACTOR + amr.toUpperCase(Locale.ROOT))
                    .issuedAt(session.createdAt()).build());
        }
        authorities.add(new SimpleGrantedAuthority(AAL + session.assurance().name()));
        authorities.add(new SimpleGrantedAuthority(SID + session.id()));
        return UsernamePasswordAuthenticationToken.authenticated(session.accountId().toString(), null, authorities);
    }

    /** The {@code amr} values, in the order the factors were used, plus {@code mfa} for two or more. */
    public static List<String> amr(Authentication authentication) {
        List<String> amr = new ArrayList<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (authority instanceof FactorGrantedAuthority && name != null && name.startsWith(FACTOR)) {
                amr.add(name.substring(FACTOR.length()).toLowerCase(Locale.ROOT));
            }
        }
        // A login with a passkey alone has its mfa already (issue 17): never twice.
        if (amr.size() > 1 && !amr.contains("mfa")) {
            amr.add("mfa");
        }
        return List.copyOf(amr);
    }

    public static AssuranceLevel assurance(Authentication authentication) {
        return value(authentication, AAL).map(AssuranceLevel::valueOf).orElse(AssuranceLevel.AAL1);
    }

    public static String acr(Authentication authentication) {
        return assurance(authentication) == AssuranceLevel.AAL2 ? ACR_AAL2 : ACR_AAL1;
    }

    /** When the person logged in (the session began with the password). */
    public static Optional<Instant> authTime(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .filter(FactorGrantedAuthority.class::isInstance).map(FactorGrantedAuthority.class::cast)
                .map(FactorGrantedAuthority::getIssuedAt).min(Instant::compareTo);
    }

    /** The Aikagi session the login opened. */
    public static Optional<UUID> sessionId(Authentication authentication) {
        return value(authentication, SID).map(UUID::fromString);
    }

    /**
     * The {@code sid} claim: a hash of the session id, so a client can match a logout to a login without
     * learning anything that opens the session.
     */
    public static Optional<String> sid(Authentication authentication) {
        return sessionId(authentication).map(LoginFacts::sid);
    }

    /** The {@code sid} claim of a session id, as {@link #sid(Authentication)} (ID and logout tokens alike). */
    public static String sid(UUID sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("aikagi-sid:" + sessionId).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> value(Authentication authentication, String prefix) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst();
    }
}
