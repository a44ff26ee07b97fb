package dev.aikagi.server.oidc;

import dev.aikagi.core.login.SessionListener;
import dev.aikagi.core.session.Session;
import java.util.Objects;

/**
 * The OpenID Connect side of signing in and out ({@link SessionListener}): signing out of an Aikagi session — on
 * the page or through the API — revokes the tokens applications were given on its strength
 * ({@link TokenRevocation#revokeSession}), so a refresh token stops working at once (RFC 9700 §4.14).
 */
final class ApplicationTokensOfSession implements SessionListener {

    private final TokenRevocation revocation;

    ApplicationTokensOfSession(TokenRevocation revocation) {
        this.revocation = Objects.requireNonNull(revocation, "revocation");
    }

    /**
     * Nothing to hand over: the authorization endpoint reads the session from its cookie at every request
     * ({@link OidcSessionFilter}), and its {@code auth_time}, {@code amr} and {@code acr} from the session itself
     * ({@link LoginFacts}).
     */
    @Override
    public void signedIn(Session session) {
        Objects.requireNonNull(session, "session");
    }

    @Override
    public void signedOut(Session session) {
        revocation.revokeSession(session.accountId(), session.id());
    }
}
