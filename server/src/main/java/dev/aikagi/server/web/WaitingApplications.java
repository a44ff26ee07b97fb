package dev.aikagi.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The application whose OpenID Connect authorization request waits for this browser's login (the oidc
 * journey implements it): the login, code, sign-up and recovery pages name it and, once the person is
 * signed in, go back to it through {@link #CONTINUE} rather than to Aikagi's own settings.
 */
public interface WaitingApplications {

    /** The page that takes the person back to the waiting authorization request. */
    String CONTINUE = "/login/continue";

    /** The waiting application, if any (its signed cookie is less than 30 minutes old). */
    Optional<Waiting> waiting(HttpServletRequest request);

    /**
     * A waiting application.
     *
     * @param clientId its client id
     * @param name its name as registered (the client id when it has none)
     */
    record Waiting(String clientId, String name) {
    }
}
