package dev.aikagi.server.oidc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.DeliveryText;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * OpenID Connect Back-Channel Logout 1.0: when an Aikagi session ends, each application that was given an ID token
 * on its strength and has a {@code backchannel-logout-uri} is sent a logout token — a JWT signed with the
 * provider's key ({@link SigningKeys}, so it verifies with the JWKS), {@code typ: logout+jwt}, with {@code iss},
 * {@code aud} (the client id), {@code iat}, {@code exp}, {@code jti}, {@code sub}, {@code sid} (as in the ID token)
 * and the back-channel logout event (§2.4). It goes out through the message queue ({@link Channel#LOGOUT}), so an
 * application that is down gets it on a later try (30 s, 1 min, 2 min … for {@link #LIFETIME}).
 *
 * <p>{@link TokenRevocation} calls it just before it deletes the applications' authorizations, which is where
 * every way a session ends comes through: logging out, "this wasn't me", a completed recovery, a new password,
 * every session ended, and anything else that revokes an account's tokens.
 */
public final class BackChannelLogout {

    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    public static final String TYPE = "logout+jwt";
    /** The queue's kind, for logs and metrics. */
    public static final String KIND = "backchannel_logout";
    /** How long a logout token is valid, and how long the queue keeps trying to deliver it. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    private static final Pattern SID = Pattern.compile("SID_([0-9a-fA-F-]{36})");

    private final JdbcTemplate jdbc;
    private final Deliveries deliveries;
    private final SigningKeys keys;
    private final NimbusJwtEncoder encoder;
    private final Map<String, URI> uris;
    private final Registered registered;
    private final String configuredIssuer;
    private final String publicUrl;
    private final SecretGenerator generator;
    private final Clock clock;

    /**
     * @param uris each client's back-channel logout URI, by client id
     * @param configuredIssuer the issuer when set ({@code aikagi.oidc.issuer}), else null: then the request's
     *     address, as the authorization server does, or {@code publicUrl} outside a request
     */
    public BackChannelLogout(JdbcTemplate jdbc, Deliveries deliveries, SigningKeys keys, Map<String, URI> uris,
                             String configuredIssuer, String publicUrl, SecretGenerator generator, Clock clock) {
        this(jdbc, deliveries, keys, uris, Registered.NONE, configuredIssuer, publicUrl, generator, clock);
    }

    /**
     * The URIs of the applications registered on the admin page ({@link Applications}), looked up when they are
     * needed: an application registered or removed while the server runs counts at once.
     */
    interface Registered {
        Registered NONE = new Registered() {
            @Override
            public Optional<URI> backchannelLogoutUri(String clientId) {
                return Optional.empty();
            }

            @Override
            public boolean anyBackchannelLogoutUri() {
                return false;
            }
        };

        /** The back-channel logout URI of a registered application, if it has one. */
        Optional<URI> backchannelLogoutUri(String clientId);

        /** Whether any registered application has one. */
        boolean anyBackchannelLogoutUri();
    }

    /**
     * @param uris each configured client's back-channel logout URI, by client id
     * @param registered those of the applications registered on the admin page
     */
    BackChannelLogout(JdbcTemplate jdbc, Deliveries deliveries, SigningKeys keys, Map<String, URI> uris,
                      Registered registered, String configuredIssuer, String publicUrl, SecretGenerator generator,
                      Clock clock) {
        this.registered = Objects.requireNonNull(registered, "registered");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.encoder = new NimbusJwtEncoder(keys);
        this.uris = Map.copyOf(Objects.requireNonNull(uris, "uris"));
        this.configuredIssuer = configuredIssuer == null || configuredIssuer.isBlank() ? null : configuredIssuer.strip();
        this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl").strip().replaceAll("/+$", "");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether any client takes logout tokens: discovery says so only then. */
    public boolean anyClient() {
        return !uris.isEmpty() || registered.anyBackchannelLogoutUri();
    }

    /** Discovery (Back-Channel Logout 1.0 §2.1): supported, with {@code sid}, when a client has a URI. */
    void advertise(OidcProviderConfiguration.Builder configuration) {
        configuration.claim("backchannel_logout_supported", anyClient());
        if (anyClient()) {
            configuration.claim("backchannel_logout_session_supported", true);
        }
    }

    /** Queues a logout token for every application login of one Aikagi session; returns how many. */
    public int sessionEnded(AccountId account, UUID sessionId) {
        return queue(account, Optional.of(sessionId));
    }

    /** Queues a logout token for every application login of the account; returns how many. */
    public int accountSignedOut(AccountId account) {
        return queue(account, Optional.empty());
    }

    private int queue(AccountId account, Optional<UUID> session) {
        Objects.requireNonNull(account, "account");
        if (!anyClient()) {
            return 0;
        }
        String sql = "select c.client_id, a.attributes from oauth2_authorization a join oauth2_registered_client c"
                + " on c.id = a.registered_client_id where a.principal_name = ? and a.oidc_id_token_value is not null";
        List<Map<String, Object>> rows = session.isPresent()
                ? jdbc.queryForList(sql + " and a.attributes like ?", account.toString(), "%SID_" + session.get() + "%")
                : jdbc.queryForList(sql, account.toString());
        // One token per application and session, however many authorizations that login gave.
        Set<Map.Entry<String, UUID>> logins = new LinkedHashSet<>();
        Map<String, Optional<URI>> targets = new java.util.HashMap<>();
        for (Map<String, Object> row : rows) {
            String clientId = (String) row.get("client_id");
            Object attributes = row.get("attributes");
            Matcher sid = SID.matcher(attributes == null ? "" : attributes.toString());
            Optional<URI> target = targets.computeIfAbsent(clientId, id -> uris.containsKey(id)
                    ? Optional.of(uris.get(id)) : registered.backchannelLogoutUri(id));
            if (target.isPresent() && sid.find()) {
                logins.add(Map.entry(clientId, UUID.fromString(sid.group(1))));
            }
        }
        if (logins.isEmpty()) {
            return 0;
        }
        String issuer = issuer();
        for (Map.Entry<String, UUID> login : logins) {
            String token = token(issuer, login.getKey(), account, login.getValue());
            deliveries.enqueue(Channel.LOGOUT, targets.get(login.getKey()).orElseThrow().toString(),
                    new DeliveryText("", token), account, KIND, LIFETIME);
        }
        return logins.size();
    }

    /** The signed logout token (Back-Channel Logout 1.0 §2.4). */
    String token(String issuer, String clientId, AccountId account, UUID sessionId) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .audience(List.of(clientId))
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .id(Base64.getUrlEncoder().withoutPadding().encodeToString(generator.bytes(16)))
                .subject(account.toString())
                .claim("sid", LoginFacts.sid(sessionId))
                .claim("events", Map.of(EVENT, Map.of()))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type(TYPE).keyId(keys.currentKeyId()).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** The issuer as the ID tokens name it: configured, or the address of the request that ended the session. */
    private String issuer() {
        if (configuredIssuer != null) {
            return configuredIssuer;
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            StringBuilder url = new StringBuilder(request.getScheme()).append("://").append(request.getServerName());
            int port = request.getServerPort();
            boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
                    || ("https".equals(request.getScheme()) && port == 443);
            if (!defaultPort && port > 0) {
                url.append(':').append(port);
            }
            return url.append(request.getContextPath()).toString();
        }
        return publicUrl;
    }
}
