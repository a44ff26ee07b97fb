package dev.aikagi.server.oidc;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The one place discovery learns which grant types and client-authentication methods work: those some
 * registered client (configuration file or admin page) is allowed, among those Aikagi serves. So the
 * {@code client_credentials} grant is advertised exactly when a client has it, and {@code none} exactly when
 * a public client exists. Read at each discovery request, so a client registered on the admin page counts at
 * once.
 */
final class WhatClientsUse {

    /** Grants Aikagi serves, in the order discovery lists them. */
    static final List<String> GRANTS = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
            AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());
    /** Client authentication Aikagi serves at the token endpoint. */
    static final List<String> METHODS = List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
            ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(), ClientAuthenticationMethod.NONE.getValue());

    /** What discovery says. */
    record Advertised(List<String> grantTypes, List<String> authenticationMethods) {
    }

    private final JdbcTemplate jdbc;

    WhatClientsUse(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    Advertised now() {
        Set<String> grants = new LinkedHashSet<>();
        Set<String> methods = new LinkedHashSet<>();
        jdbc.query("select authorization_grant_types, client_authentication_methods from oauth2_registered_client",
                row -> {
                    grants.addAll(split(row.getString(1)));
                    methods.addAll(split(row.getString(2)));
                });
        return of(grants, methods);
    }

    /**
     * Of the grants and methods clients have, those Aikagi serves; with no client at all, the code flow with a
     * client secret (OpenID Connect Discovery 1.0 §3: the defaults a provider cannot do without).
     */
    static Advertised of(Set<String> grants, Set<String> methods) {
        List<String> grantTypes = GRANTS.stream().filter(grants::contains).toList();
        List<String> authentication = METHODS.stream().filter(methods::contains).toList();
        return new Advertised(grantTypes.isEmpty() ? List.of(GRANTS.getFirst()) : grantTypes,
                authentication.isEmpty() ? List.of(METHODS.getFirst()) : authentication);
    }

    private static List<String> split(String values) {
        return values == null ? List.of() : Arrays.stream(values.split(",")).map(String::strip).toList();
    }
}
