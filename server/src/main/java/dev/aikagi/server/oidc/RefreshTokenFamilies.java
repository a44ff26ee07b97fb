package dev.aikagi.server.oidc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.audit.Auditor;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Refresh-token reuse detection (RFC 9700 §4.14.2; OAuth 2.1 §4.3.1). Each refresh token works once: the
 * authorization server replaces it at every refresh. A replaced token presented again means it was copied —
 * the client and someone else both hold the family — and the authorization server cannot tell which one is
 * honest, so every token descended from that login ends: the authorization (the current refresh token, the
 * access and ID tokens) is deleted, and the attempt is audited ({@link AuditType#REFRESH_TOKEN_REUSED}, with
 * the client, never a token).
 *
 * <p>Using a refresh token is one conditional write: an insert of its hash keyed by that hash
 * ({@code oidc_spent_refresh_token}). Two refreshes with the same token at once on any nodes: one insert
 * wins, the other is a reuse, and the family ends — a refresh that raced it finds the family marked revoked
 * after its save and deletes what it saved.
 */
final class RefreshTokenFamilies {

    private final JdbcTemplate jdbc;
    private final OAuth2AuthorizationService authorizations;
    private final Auditor audit;
    private final Clock clock;

    RefreshTokenFamilies(JdbcTemplate jdbc, OAuth2AuthorizationService authorizations, Auditor audit, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The token endpoint's refresh grant, with reuse detection around it. */
    AuthenticationProvider guard(AuthenticationProvider refreshGrant) {
        Objects.requireNonNull(refreshGrant, "refreshGrant");
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                return refresh((OAuth2RefreshTokenAuthenticationToken) authentication, refreshGrant);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return refreshGrant.supports(authentication);
            }
        };
    }

    private Authentication refresh(OAuth2RefreshTokenAuthenticationToken request, AuthenticationProvider refreshGrant) {
        String presented = request.getRefreshToken();
        String hash = HashedTokenValues.hash(presented);
        OAuth2Authorization current = authorizations.findByToken(presented, OAuth2TokenType.REFRESH_TOKEN);
        if (current == null) {
            spent(hash).ifPresent(family -> reused(family, request));
            return refreshGrant.authenticate(request); // invalid_grant, as for any unknown token
        }
        RegisteredClient client = request.getPrincipal() instanceof OAuth2ClientAuthenticationToken c
                ? c.getRegisteredClient() : null;
        OAuth2Authorization.Token<OAuth2RefreshToken> token = current.getRefreshToken();
        if (client == null || !client.getId().equals(current.getRegisteredClientId())
                || client.getTokenSettings().isReuseRefreshTokens() || token == null || !token.isActive()) {
            return refreshGrant.authenticate(request); // refused there (or a client that keeps its refresh token)
        }
        Family family = new Family(current.getId(), current.getPrincipalName(), client.getClientId());
        Instant now = clock.instant();
        Instant expiresAt = token.getToken().getExpiresAt() != null ? token.getToken().getExpiresAt() : now;
        try {
            jdbc.update("insert into oidc_spent_refresh_token (token_hash, authorization_id, principal_name, client_id,"
                            + " spent_at, expires_at) values (?, ?, ?, ?, ?, ?)", hash, family.authorizationId(),
                    family.principal(), family.clientId(), Timestamp.from(now), Timestamp.from(expiresAt));
        } catch (DuplicateKeyException usedMeanwhile) {
            reused(family, request);
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
        }
        Authentication refreshed;
        try {
            refreshed = refreshGrant.authenticate(request);
        } catch (RuntimeException refused) {
            // Not used after all (scope refused, say): the token stays the family's current one.
            jdbc.update("delete from oidc_spent_refresh_token where token_hash = ? and family_revoked_at is null", hash);
            throw refused;
        }
        if (isRevoked(family.authorizationId())) {
            // A reuse ended the family while this refresh ran; what it just saved goes too.
            jdbc.update("delete from oauth2_authorization where id = ?", family.authorizationId());
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
        }
        return refreshed;
    }

    /** Ends the family and audits the reuse; returns how many authorizations were deleted (0 if already gone). */
    int reused(Family family, Authentication request) {
        Instant now = clock.instant();
        jdbc.update("update oidc_spent_refresh_token set family_revoked_at = ? where authorization_id = ?"
                + " and family_revoked_at is null", Timestamp.from(now), family.authorizationId());
        int revoked = jdbc.update("delete from oauth2_authorization where id = ?", family.authorizationId());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("client", family.clientId());
        details.put("revoked", revoked > 0 ? "yes" : "already");
        String address = request.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        audit.record(AuditType.REFRESH_TOKEN_REUSED, account(family.principal()), address, details);
        return revoked;
    }

    private Optional<Family> spent(String hash) {
        List<Family> found = jdbc.query("select authorization_id, principal_name, client_id from oidc_spent_refresh_token"
                        + " where token_hash = ?",
                (rs, i) -> new Family(rs.getString(1), rs.getString(2), rs.getString(3)), hash);
        return found.stream().findFirst();
    }

    private boolean isRevoked(String authorizationId) {
        Integer count = jdbc.queryForObject("select count(*) from oidc_spent_refresh_token where authorization_id = ?"
                + " and family_revoked_at is not null", Integer.class, authorizationId);
        return count != null && count > 0;
    }

    private static AccountId account(String principal) {
        try {
            return AccountId.parse(principal);
        } catch (IllegalArgumentException notAnAccount) {
            return null;
        }
    }

    /** One login's chain of refresh tokens: the authorization they all belonged to. */
    record Family(String authorizationId, String principal, String clientId) {
    }
}
