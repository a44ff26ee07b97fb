package dev.aikagi.server.recovery;

import dev.aikagi.testkit.ApiClient;
import java.net.http.HttpRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls of the recovery API as an app makes them (issue 14): the start's {@code recoveryId} in the path and its
 * {@code recoveryToken} in the {@code Aikagi-Recovery-Token} header of every later call.
 */
final class RecoveryCalls {

    static final String HEADER = "Aikagi-Recovery-Token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A started case as its starter holds it. */
    record Case(String id, String token) {
    }

    private RecoveryCalls() {
    }

    static Case start(ApiClient api, String username) {
        ApiClient.Reply started = api.post("/api/v1/recovery", java.util.Map.of("username", username), null);
        if (started.status() != 202) {
            throw new AssertionError("start: " + started.status() + " " + started.body());
        }
        return new Case(started.text("recoveryId"), started.text("recoveryToken"));
    }

    static ApiClient.Reply get(ApiClient api, Case recovery) {
        return get(api, recovery.id(), recovery.token());
    }

    /** {@code step} is {@code send-code}, {@code verify} or {@code complete}. */
    static ApiClient.Reply post(ApiClient api, Case recovery, String step, Object body) {
        return post(api, recovery.id(), recovery.token(), step, body);
    }

    /** GET /api/v1/recovery/{id}, with the token header if {@code token} is not null. */
    static ApiClient.Reply get(ApiClient api, String id, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/api/v1/recovery/" + id)).GET();
        if (token != null) {
            request.header(HEADER, token);
        }
        return api.send(request.build());
    }

    /** POST /api/v1/recovery/{id}/{step}, with the token header if {@code token} is not null. */
    static ApiClient.Reply post(ApiClient api, String id, String token, String step, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/api/v1/recovery/" + id + "/" + step))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text
                        : JSON.writeValueAsString(body)));
        if (token != null) {
            request.header(HEADER, token);
        }
        return api.send(request.build());
    }
}
