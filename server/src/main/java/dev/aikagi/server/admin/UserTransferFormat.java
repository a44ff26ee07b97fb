package dev.aikagi.server.admin;

import dev.aikagi.core.admin.UserTransfer.TransferredUser;
import dev.aikagi.core.factor.totp.Base32;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files of {@code users import} and {@code users export} (issue 18): JSON lines, one user per line, and for
 * import also a Keycloak realm export ({@code {"realm": …, "users": [ … ]}}, as {@code kc.sh export} writes it).
 * <pre>
 * {"username":"hanako","email":"hanako@example.jp","emailVerified":true,"phone":"+819012345678",
 *  "phoneVerified":true,"passwordHash":"$argon2id$v=19$m=…","totpSecret":"JBSWY3DPEHPK3PXP","disabled":false,
 *  "createdAt":"2026-12-07T06:00:00Z","language":"ja"}
 * </pre>
 * Keycloak's password credentials become the matching hash string: {@code pbkdf2-sha256} (its default before
 * version 24) {@code $pbkdf2-sha256$i=<hashIterations>$<salt>$<value>}, {@code argon2} (its default since) an
 * Argon2id PHC string, {@code bcrypt} (an extension) its value as is; an OTP credential (TOTP, SHA-1, 6 digits,
 * 30 s) becomes the Base32 of its secret's bytes; the phone is the attribute {@code phoneNumber} (verified when
 * {@code phoneNumberVerified} is true).
 */
final class UserTransferFormat {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private UserTransferFormat() {
    }

    /** One user read from the file, or why its entry could not be read. */
    record Entry(int number, Optional<TransferredUser> user, String problem, String username) {
    }

    /** The users of a file's text: a Keycloak realm export or JSON lines. */
    static List<Entry> read(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode whole = JSON.readTree(trimmed);
                if (whole.has("users") && whole.get("users").isArray()) {
                    List<Entry> entries = new ArrayList<>();
                    int n = 0;
                    for (JsonNode user : whole.get("users")) {
                        entries.add(keycloak(++n, user));
                    }
                    return entries;
                }
            } catch (JacksonException notOneObject) {
                // JSON lines: several objects, one a line.
            }
        }
        List<Entry> entries = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\\R")) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(line(n, JSON.readTree(line)));
            } catch (JacksonException malformed) {
                entries.add(new Entry(n, Optional.empty(), "malformed_line", ""));
            }
        }
        return entries;
    }

    private static Entry line(int n, JsonNode node) {
        String username = text(node, "username").orElse("");
        Optional<Instant> createdAt;
        try {
            createdAt = text(node, "createdAt").map(Instant::parse);
        } catch (RuntimeException malformed) {
            return new Entry(n, Optional.empty(), "malformed_line", username);
        }
        return new Entry(n, Optional.of(new TransferredUser(username, text(node, "email"),
                node.path("emailVerified").asBoolean(false), text(node, "phone"), node.path("phoneVerified").asBoolean(false),
                text(node, "passwordHash").orElse(""), text(node, "totpSecret"), node.path("disabled").asBoolean(false),
                createdAt, text(node, "language").orElse("ja"))), "", username);
    }

    private static Entry keycloak(int n, JsonNode user) {
        String username = text(user, "username").orElse("");
        Optional<String> hash = Optional.empty();
        Optional<String> totp = Optional.empty();
        for (JsonNode credential : user.path("credentials")) {
            String type = credential.path("type").asString("");
            JsonNode secret = embedded(credential, "secretData");
            JsonNode data = embedded(credential, "credentialData");
            if (type.equals("password")) {
                hash = keycloakHash(secret, data);
            } else if (type.equals("otp") && "totp".equals(data.path("subType").asString(""))
                    && data.path("digits").asInt(6) == 6 && data.path("period").asInt(30) == 30
                    && "HmacSHA1".equals(data.path("algorithm").asString("HmacSHA1"))) {
                totp = text(secret, "value").map(v -> Base32.encode(v.getBytes(StandardCharsets.UTF_8)));
            }
        }
        if (hash.isEmpty()) {
            return new Entry(n, Optional.empty(), "password_hash_unsupported", username);
        }
        JsonNode attributes = user.path("attributes");
        Optional<String> phone = first(attributes.path("phoneNumber"));
        boolean phoneVerified = first(attributes.path("phoneNumberVerified")).map("true"::equalsIgnoreCase).orElse(false);
        Optional<Instant> created = user.has("createdTimestamp")
                ? Optional.of(Instant.ofEpochMilli(user.path("createdTimestamp").asLong())) : Optional.empty();
        String language = first(attributes.path("locale")).filter("en"::equals).orElse("ja");
        return new Entry(n, Optional.of(new TransferredUser(username, text(user, "email"),
                user.path("emailVerified").asBoolean(false), phone, phoneVerified, hash.get(), totp,
                !user.path("enabled").asBoolean(true), created, language)), "", username);
    }

    /** Keycloak's password credential as a hash string Aikagi verifies, if it is of a known algorithm. */
    static Optional<String> keycloakHash(JsonNode secret, JsonNode data) {
        String algorithm = data.path("algorithm").asString("").toLowerCase(Locale.ROOT);
        Optional<String> value = text(secret, "value");
        Optional<String> salt = text(secret, "salt");
        int iterations = data.path("hashIterations").asInt(0);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return switch (algorithm) {
            case "pbkdf2-sha256" -> salt.filter(s -> iterations > 0)
                    .map(s -> "$pbkdf2-sha256$i=" + iterations + "$" + s + "$" + value.get());
            case "bcrypt" -> value;
            case "argon2" -> {
                JsonNode parameters = data.path("additionalParameters");
                if (!"id".equals(first(parameters.path("type")).orElse("id")) || salt.isEmpty()) {
                    yield Optional.empty();
                }
                String memory = first(parameters.path("memory")).orElse("7168");
                String parallelism = first(parameters.path("parallelism")).orElse("1");
                try {
                    yield Optional.of("$argon2id$v=19$m=" + memory + ",t=" + (iterations > 0 ? iterations : 5) + ",p="
                        + parallelism + "$" + unpadded(salt.get()) + "$" + unpadded(value.get()));
                } catch (IllegalArgumentException notBase64) {
                    yield Optional.empty();
                }
            }
            default -> Optional.empty();
        };
    }

    /** One user as a line of the export. */
    static String write(TransferredUser user) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("username", user.username());
        line.put("email", user.email().orElse(null));
        line.put("emailVerified", user.emailVerified());
        line.put("phone", user.phone().orElse(null));
        line.put("phoneVerified", user.phoneVerified());
        line.put("passwordHash", user.passwordHash());
        user.totpSecret().ifPresent(s -> line.put("totpSecret", s));
        line.put("disabled", user.disabled());
        line.put("createdAt", user.createdAt().map(Instant::toString).orElse(null));
        line.put("language", user.language());
        return JSON.writeValueAsString(line);
    }

    private static String unpadded(String base64) {
        // Keycloak writes standard Base64 with padding; a PHC string has none. Decoding checks it is Base64.
        return Base64.getEncoder().withoutPadding().encodeToString(Base64.getDecoder().decode(base64));
    }

    /** A JSON document kept as a string inside a field, as Keycloak keeps secretData and credentialData. */
    private static JsonNode embedded(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isString()) {
            try {
                return JSON.readTree(value.asString());
            } catch (JacksonException malformed) {
                return JSON.createObjectNode();
            }
        }
        return value.isObject() ? value : JSON.createObjectNode();
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? Optional.of(value.asString()) : Optional.empty();
    }

    private static Optional<String> first(JsonNode node) {
        if (node.isArray() && !node.isEmpty()) {
            return node.get(0).isString() ? Optional.of(node.get(0).asString()) : Optional.empty();
        }
        return node.isString() ? Optional.of(node.asString()) : Optional.empty();
    }
}
