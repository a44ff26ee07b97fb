package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

class RejectedRequestAdviceTest {

    private final RejectedRequestAdvice advice = new RejectedRequestAdvice();

    @Test
    void apiRequestWhenFirewallRejectsAParameterNameThen400Problem() {
        var answer = advice.rejected(new RequestRejectedException("parameter name not allowed"),
                new MockHttpServletRequest("POST", "/api/v1/login"));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().getProperties()).containsEntry("code", "malformed_request");
    }

    @Test
    void pageRequestWhenFirewallRejectsThenLeftToSpringSecuritysHandler() {
        RequestRejectedException rejected = new RequestRejectedException("parameter name not allowed");
        assertThatThrownBy(() -> advice.rejected(rejected, new MockHttpServletRequest("POST", "/login")))
                .isSameAs(rejected);
    }
}
