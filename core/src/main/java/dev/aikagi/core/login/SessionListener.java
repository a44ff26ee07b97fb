package dev.aikagi.core.login;

import dev.aikagi.core.session.Session;

/**
 * What else begins and ends with an Aikagi session. The OpenID Connect provider implements it: the tokens an
 * application got on the strength of a session end when the person signs out of it, whether they do so on the
 * page or through the API (OpenID Connect RP-Initiated Logout 1.0 §2 and Back-Channel Logout 1.0 §2.7 describe
 * the same expectation from the application's side). {@link SignIn} and {@link SignOut} call it, so a new way
 * in or out cannot forget it.
 *
 * <p>Implementations must not throw for an ordinary outcome; a failing listener fails the sign-out, since a
 * person who pressed "log out" must not be told they are out while an application still holds live tokens.
 */
public interface SessionListener {

    /** A login opened {@code session} (a new session, or the browser's session now carrying another account). */
    void signedIn(Session session);

    /** The person signed out of {@code session}; it has already ended. */
    void signedOut(Session session);
}
