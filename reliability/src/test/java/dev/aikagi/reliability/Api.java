package dev.aikagi.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON API of one node over java.net.http. {@code from} is the client address the request claims
 * (X-Forwarded-For; the nodes trust it from 127.0.0.1, as behind a reverse proxy) or null.
 */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        }

        String text(String field) {
            return json().path(field).asString();
        }

        String code() {
            return text("code");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final URI base;

    Api(URI base) {
        this.base = base;
    }

    Api(Node node) {
        this(node.base);
    }

    static String json(Object... keysAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.put((String) keysAndValues[i], String.valueOf(keysAndValues[i + 1]));
        }
        return node.toString();
    }

    Response post(String path, String json, String token, String from) throws IOException, InterruptedException {
        HttpRequest.Builder request = builder(path, token, from).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return send(request.build());
    }

    Response get(String path, String token, String from) throws IOException, InterruptedException {
        return send(builder(path, token, from).GET().build());
    }

    /**
     * A recovery step after the start (issue 14): {@code GET} when {@code json} is null, else {@code POST}; the
     * recovery token goes in {@code Aikagi-Recovery-Token} (none when null).
     */
    Response recovery(String path, String json, String recoveryToken, String from)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = builder(path, null, from);
        if (recoveryToken != null) {
            request.header("Aikagi-Recovery-Token", recoveryToken);
        }
        if (json == null) {
            return send(request.GET().build());
        }
        return send(request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpRequest.Builder builder(String path, String token, String from) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (from != null) {
            request.header("X-Forwarded-For", from);
        }
        return request;
    }

    static Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response.headers());
    }

    /** Fails with the whole answer when the status is not the expected one. */
    static Response expect(Response response, int status, String what) {
        if (response.status() != status) {
            throw new AssertionError(what + ": expected HTTP " + status + ", got " + response);
        }
        return response;
    }
}
