package dev.aikagi.server.oidc;

import dev.aikagi.core.crypto.SecretGenerator;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The applications (OpenID Connect clients) an operator registers on the admin page, beside those of the
 * configuration file. A new application gets a random client id and, unless public, a random secret shown
 * once (only its hash is kept). Removing one deletes its tokens and consents with it.
 */
final class Applications implements BackChannelLogout.Registered {

    /** Marks a client registered on the admin page (those of the configuration file come back at start-up). */
    static final String SOURCE = "aikagi.source";
    static final String FROM_ADMIN = "admin";
    /** A registered application's OpenID Connect Back-Channel Logout URI, when it has one (a client setting). */
    static final String BACKCHANNEL_LOGOUT_URI = "aikagi.backchannel-logout-uri";

    private final RegisteredClientRepository clients;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PasswordEncoder encoder;
    private final SecretGenerator generator;
    private final OidcProperties properties;
    private final boolean production;

    /** @param production whether the server runs in production mode (back-channel logout URIs must be https) */
    Applications(RegisteredClientRepository clients, JdbcTemplate jdbc, TransactionTemplate transactions,
                 PasswordEncoder encoder, SecretGenerator generator, OidcProperties properties, boolean production) {
        this.production = production;
        this.clients = Objects.requireNonNull(clients, "clients");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /** What the operator typed; checked by {@link #register}. */
    record Draft(String name, List<String> redirectUris, List<String> postLogoutRedirectUris, boolean publicClient,
                 boolean firstParty, List<String> allowedOrigins, String backchannelLogoutUri) {

        Draft(String name, List<String> redirectUris, List<String> postLogoutRedirectUris, boolean publicClient,
              boolean firstParty, List<String> allowedOrigins) {
            this(name, redirectUris, postLogoutRedirectUris, publicClient, firstParty, allowedOrigins, null);
        }

        Draft(String name, List<String> redirectUris, List<String> postLogoutRedirectUris, boolean publicClient,
              boolean firstParty) {
            this(name, redirectUris, postLogoutRedirectUris, publicClient, firstParty, List.of());
        }
    }

    /** A registered application, with its secret in clear this once (null for a public client). */
    record Registered(RegisteredClient client, String secret) {
        @Override
        public String toString() {
            return "Registered[" + client.getClientId() + "]";
        }
    }

    enum Problem { NAME_MISSING, REDIRECT_MISSING, REDIRECT_INVALID, REDIRECTS_TOO_LONG, ORIGIN_INVALID, BACKCHANNEL_URI_INVALID }

    /** Registers the application, or names what is wrong with the draft. */
    sealed interface Outcome permits Done, Refused {
    }

    record Done(Registered registered) implements Outcome {
    }

    record Refused(Problem problem, String value) implements Outcome {
    }

    Outcome register(Draft draft) {
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            return new Refused(Problem.NAME_MISSING, "");
        }
        if (draft.redirectUris().isEmpty()) {
            return new Refused(Problem.REDIRECT_MISSING, "");
        }
        for (String uri : concat(draft.redirectUris(), draft.postLogoutRedirectUris())) {
            if (!isRedirectUri(uri)) {
                return new Refused(Problem.REDIRECT_INVALID, uri);
            }
        }
        // The client table keeps each list comma-separated in 1,000 characters.
        if (String.join(",", draft.redirectUris()).length() > 1000
                || String.join(",", draft.postLogoutRedirectUris()).length() > 1000) {
            return new Refused(Problem.REDIRECTS_TOO_LONG, "");
        }
        for (String origin : draft.allowedOrigins()) {
            if (ClientOrigins.origin(origin).isEmpty() || String.join(" ", draft.allowedOrigins()).length() > 1000) {
                return new Refused(Problem.ORIGIN_INVALID, origin);
            }
        }
        String backchannel = draft.backchannelLogoutUri() == null ? "" : draft.backchannelLogoutUri().strip();
        if (!backchannel.isEmpty() && !isBackchannelLogoutUri(backchannel, production)) {
            return new Refused(Problem.BACKCHANNEL_URI_INVALID, backchannel);
        }
        String clientId = "app-" + HexFormat.of().formatHex(generator.bytes(8));
        String secret = draft.publicClient() ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(generator.bytes(32));
        OidcProperties.Client client = new OidcProperties.Client(name, secret, draft.redirectUris(),
                draft.postLogoutRedirectUris(), List.of("openid", "profile", "email"), draft.firstParty(),
                draft.allowedOrigins());
        RegisteredClient built = new ConfiguredClients(properties, encoder).build(clientId, client,
                generator.uuid().toString());
        org.springframework.security.oauth2.server.authorization.settings.ClientSettings.Builder settings =
                org.springframework.security.oauth2.server.authorization.settings.ClientSettings
                        .withSettings(built.getClientSettings().getSettings()).setting(SOURCE, FROM_ADMIN);
        if (!backchannel.isEmpty()) {
            settings.setting(BACKCHANNEL_LOGOUT_URI, backchannel);
        }
        RegisteredClient marked = RegisteredClient.from(built).clientSettings(settings.build()).build();
        clients.save(marked);
        return new Done(new Registered(marked, secret));
    }

    /** Every application, newest first. */
    List<RegisteredClient> all() {
        return jdbc.queryForList("select client_id from oauth2_registered_client order by client_id_issued_at desc, client_id",
                String.class).stream().map(clients::findByClientId).filter(Objects::nonNull).toList();
    }

    Optional<RegisteredClient> find(String clientId) {
        return Optional.ofNullable(clients.findByClientId(clientId));
    }

    @Override
    public Optional<URI> backchannelLogoutUri(String clientId) {
        return find(clientId).filter(Applications::fromAdmin)
                .map(c -> c.getClientSettings().<String>getSetting(BACKCHANNEL_LOGOUT_URI))
                .filter(value -> !value.isBlank()).map(URI::create);
    }

    @Override
    public boolean anyBackchannelLogoutUri() {
        // The settings are stored as JSON text: the setting's name narrows the search, the client's settings decide.
        return jdbc.queryForList("select client_id from oauth2_registered_client where client_settings like ?",
                String.class, "%" + BACKCHANNEL_LOGOUT_URI + "%").stream()
                .anyMatch(id -> backchannelLogoutUri(id).isPresent());
    }

    /**
     * A back-channel logout URI (Back-Channel Logout 1.0 §2.2): absolute, no fragment, short enough for the message
     * queue, and https — or, outside production, http to this machine (localhost, 127.0.0.1, [::1]).
     */
    static boolean isBackchannelLogoutUri(String uri, boolean production) {
        if (uri.length() > dev.aikagi.core.delivery.Deliveries.MAX_RECIPIENT_LENGTH) {
            return false;
        }
        try {
            URI parsed = new URI(uri);
            if (parsed.getHost() == null || parsed.getFragment() != null || parsed.getUserInfo() != null) {
                return false;
            }
            if ("https".equals(parsed.getScheme())) {
                return true;
            }
            return !production && "http".equals(parsed.getScheme())
                    && List.of("localhost", "127.0.0.1", "[::1]").contains(parsed.getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean fromAdmin(RegisteredClient client) {
        return FROM_ADMIN.equals(client.getClientSettings().getSetting(SOURCE));
    }

    /** Removes an application registered on the page, with its tokens and consents; false if none such. */
    boolean remove(String clientId) {
        Optional<RegisteredClient> found = find(clientId).filter(Applications::fromAdmin);
        if (found.isEmpty()) {
            return false;
        }
        String id = found.get().getId();
        return Boolean.TRUE.equals(transactions.execute(status -> {
            jdbc.update("delete from oauth2_authorization where registered_client_id = ?", id);
            jdbc.update("delete from oauth2_authorization_consent where registered_client_id = ?", id);
            return jdbc.update("delete from oauth2_registered_client where id = ?", id) == 1;
        }));
    }

    static boolean isRedirectUri(String uri) {
        if (uri == null || uri.isBlank() || uri.length() > 500 || uri.contains(",")) {
            return false;
        }
        try {
            URI parsed = new URI(uri);
            return parsed.isAbsolute() && parsed.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
