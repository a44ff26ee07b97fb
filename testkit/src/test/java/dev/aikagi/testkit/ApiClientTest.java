package dev.aikagi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiClientTest {

    private static ApiClient.Reply reply(int status, String body) {
        return new ApiClient.Reply(status, "application/json", body, HttpHeaders.of(Map.of(), (a, b) -> true));
    }

    @Test
    void outcomeWhenSuccessOrProblemThenStatusAndWhatEnded() {
        assertThat(reply(200, "{\"status\":\"AUTHENTICATED\"}").outcome()).isEqualTo("200 AUTHENTICATED");
        assertThat(reply(422, "{\"code\":\"code_invalid\"}").outcome()).isEqualTo("422 code_invalid");
        assertThat(reply(503, "<html>busy</html>").outcome()).isEqualTo("503 ");
    }

    @Test
    void textWhenFieldMissingOrNullThenNull() {
        ApiClient.Reply reply = reply(200, "{\"a\":null}");

        assertThat(reply.text("a")).isNull();
        assertThat(reply.text("b")).isNull();
        assertThat(reply(204, "").json().isEmpty()).isTrue();
    }

    @Test
    void jsonWhenPairsThenObjectOfStrings() {
        assertThat(ApiClient.json("username", "taro", "n", 7)).isEqualTo("{\"username\":\"taro\",\"n\":\"7\"}");
    }

    @Test
    void expectWhenOtherStatusThenAssertionErrorWithTheAnswer() {
        assertThatThrownBy(() -> ApiClient.expect(reply(401, "{\"code\":\"x\"}"), 200, "login"))
                .isInstanceOf(AssertionError.class).hasMessage("login: expected HTTP 200, got 401 {\"code\":\"x\"}");
    }

    @Test
    void uriWhenPathLooksLikeAnAuthorityThenItStaysAPath() {
        assertThat(new ApiClient(URI.create("http://127.0.0.1:8080")).uri("//evil.example/x"))
                .hasToString("http://127.0.0.1:8080//evil.example/x");
    }
}
