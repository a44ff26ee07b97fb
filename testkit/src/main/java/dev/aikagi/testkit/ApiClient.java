package dev.aikagi.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON client of the API of a running server, as a mobile app calls it. {@code token} is the session token
 * ({@code Authorization: Bearer}) or null; {@code from} is the client address the request claims
 * ({@code X-Forwarded-For}, trusted from the loopback when the server runs behind a proxy) or null.
 */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    /** The server on {@code 127.0.0.1:port}. */
    public ApiClient(int port) {
        this(URI.create("http://127.0.0.1:" + port));
    }

    public ApiClient(URI base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** One answer: the status, its content type, the body as sent and all headers. */
    public record Reply(int status, String contentType, String body, HttpHeaders headers) {

        /** The body as JSON; an empty body reads as an empty object. */
        public JsonNode json() {
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        }

        /** A text field of the body, or null when it is absent or null. */
        public String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        /** The problem's {@code code} (RFC 9457 extension member), or "" when there is none. */
        public String code() {
            String code = body.startsWith("{") ? text("code") : null;
            return code == null ? "" : code;
        }

        /** "200 AUTHENTICATED", "401 code_already_used", "429 too_many_attempts", …: how a call ended. */
        public String outcome() {
            return status == 200 ? "200 " + text("status") : status + " " + code();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Reply post(String path, String jsonBody, String token) {
        return post(path, jsonBody, token, null);
    }

    /** Posts {@code body} written as JSON (a map, a record). */
    public Reply post(String path, Object body, String token) {
        return post(path, JSON.writeValueAsString(body), token, null);
    }

    public Reply post(String path, String jsonBody, String token, String from) {
        return send(request(path, token, from).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build());
    }

    /** A DELETE with a JSON body (issue 17: removing a passkey takes the password). */
    public Reply delete(String path, Object body, String token) {
        return send(request(path, token, null).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    public Reply get(String path, String token) {
        return get(path, token, null);
    }

    public Reply get(String path, String token, String from) {
        return send(request(path, token, from).GET().build());
    }

    /**
     * A recovery step after the start: {@code GET} when {@code json} is null, else {@code POST}; the recovery
     * token goes in {@code Aikagi-Recovery-Token} (none when null).
     */
    public Reply recovery(String path, String json, String recoveryToken, String from) {
        HttpRequest.Builder request = request(path, null, from);
        if (recoveryToken != null) {
            request.header("Aikagi-Recovery-Token", recoveryToken);
        }
        if (json == null) {
            return send(request.GET().build());
        }
        return send(request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A request to {@code path} with the session token and client address, if any. */
    public HttpRequest.Builder request(String path, String token, String from) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (from != null) {
            request.header("X-Forwarded-For", from);
        }
        return request;
    }

    /** Sends a request built elsewhere (to any server); the answer as a {@link Reply}. */
    public static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code path} on the server: appended to the base as written (a path of "//x" stays a path). */
    public URI uri(String path) {
        String root = base.toString().replaceFirst("/$", "");
        return path.startsWith("/") ? URI.create(root + path) : base.resolve(path);
    }

    /** A JSON object of string fields: {@code json("username", name, "password", password)}. */
    public static String json(Object... keysAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.put((String) keysAndValues[i], String.valueOf(keysAndValues[i + 1]));
        }
        return node.toString();
    }

    /** Fails with the whole answer when the status is not the expected one. */
    public static Reply expect(Reply reply, int status, String what) {
        if (reply.status() != status) {
            throw new AssertionError(what + ": expected HTTP " + status + ", got " + reply);
        }
        return reply;
    }

    /** The strings of a JSON array. */
    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            out.add(item.asString());
        }
        return List.copyOf(out);
    }
}
