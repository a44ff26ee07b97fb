package dev.aikagi.server.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps only the SHA-256 of codes and tokens in the database, as Aikagi does for session tokens: someone who
 * reads a backup of {@code oauth2_authorization} finds no code or refresh token they could use. Values are
 * hashed on the way in; a lookup hashes the value it is given; what a lookup returns carries that value again
 * in place of its hash, so the authorization server can match the token it was handed (revocation,
 * introspection). Tokens are random or signed and long, so an unsalted hash cannot be reversed. The consent
 * step's {@code state} stays as it is: it is a lookup key for one pending request, not a credential.
 */
final class HashedTokenValues implements OAuth2AuthorizationService {

    static final String PREFIX = "sha256:";
    private static final OAuth2TokenType STATE = new OAuth2TokenType("state");
    /** The tokens whose values are kept as hashes (device-flow codes are not enabled). */
    private static final List<Class<? extends OAuth2Token>> HASHED = List.of(OAuth2AuthorizationCode.class,
            OAuth2AccessToken.class, OAuth2RefreshToken.class, OidcIdToken.class);

    private final OAuth2AuthorizationService store;

    HashedTokenValues(OAuth2AuthorizationService store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        store.save(withValues(authorization, null));
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        store.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return store.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (token == null || token.startsWith(PREFIX)) {
            return null; // a stored hash is not a token
        }
        if (STATE.equals(tokenType)) {
            return store.findByToken(token, tokenType); // the consent's state is a lookup key, not a credential
        }
        OAuth2Authorization found = store.findByToken(hash(token), tokenType);
        if (found == null && tokenType == null) {
            return store.findByToken(token, STATE);
        }
        return found == null ? null : withValues(found, token);
    }

    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The authorization with each known token's value hashed ({@code raw} null), or with the token whose hash
     * is that of {@code raw} carrying {@code raw} again.
     */
    private static OAuth2Authorization withValues(OAuth2Authorization authorization, String raw) {
        OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
        String rawHash = raw == null ? null : hash(raw);
        for (Class<? extends OAuth2Token> type : HASHED) {
            OAuth2Authorization.Token<? extends OAuth2Token> held = authorization.getToken(type);
            if (held == null) {
                continue;
            }
            String value = held.getToken().getTokenValue();
            String replacement;
            if (raw == null) {
                replacement = value.startsWith(PREFIX) ? null : hash(value);
            } else {
                replacement = value.equals(rawHash) ? raw : null;
            }
            if (replacement != null) {
                builder.token(copy(held.getToken(), replacement), metadata -> metadata.putAll(held.getMetadata()));
            }
        }
        return builder.build();
    }

    private static OAuth2Token copy(OAuth2Token token, String value) {
        return switch (token) {
            case OidcIdToken id -> new OidcIdToken(value, id.getIssuedAt(), id.getExpiresAt(), id.getClaims());
            case OAuth2AccessToken access -> new OAuth2AccessToken(access.getTokenType(), value, access.getIssuedAt(),
                    access.getExpiresAt(), access.getScopes());
            case OAuth2RefreshToken refresh -> new OAuth2RefreshToken(value, refresh.getIssuedAt(), refresh.getExpiresAt());
            case OAuth2AuthorizationCode code -> new OAuth2AuthorizationCode(value, code.getIssuedAt(), code.getExpiresAt());
            default -> throw new IllegalArgumentException("unexpected token " + token.getClass().getSimpleName());
        };
    }
}
