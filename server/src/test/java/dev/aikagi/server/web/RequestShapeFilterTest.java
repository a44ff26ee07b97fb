package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Requests whose form cannot be read are refused with a 4xx before anything reads them (found by the reliability suite). */
class RequestShapeFilterTest {

    private final RequestShapeFilter filter = new RequestShapeFilter();

    private MockHttpServletResponse run(MockHttpServletRequest request, MockFilterChain chain) throws ServletException, IOException {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }

    private static MockHttpServletRequest post(String path, String contentType) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContentType(contentType);
        request.setContent("{}".getBytes());
        return request;
    }

    @Test
    void apiPostWhenContentTypeIsWildcardThen415ProblemAndNoController() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = run(post("/api/v1/accounts", "*/*"), chain);

        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"unsupported_media_type\"");
        assertThat(chain.getRequest()).as("passed on").isNull();
    }

    @Test
    void apiPostWhenContentTypeIsNoMediaTypeThen415() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        assertThat(run(post("/api/v1/login", "garbage"), chain).getStatus()).isEqualTo(415);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void postWhenMultipartWithoutBoundaryThen400ProblemOnEveryPath() throws Exception {
        // Even on pages: the error page's dispatch would parse the body again and fail (no browser sends this).
        for (String path : java.util.List.of("/api/v1/login", "/support/request")) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = run(post(path, "multipart/form-data"), chain);

            assertThat(response.getStatus()).as(path).isEqualTo(400);
            assertThat(response.getContentAsString()).contains("\"code\":\"malformed_request\"");
            assertThat(chain.getRequest()).isNull();
        }
    }

    @Test
    void pagePostWhenContentTypeIsWildcardThenErrorPageOf415() throws Exception {
        MockHttpServletResponse page = run(post("/login", "*/*"), new MockFilterChain());

        assertThat(page.getStatus()).isEqualTo(415);
        assertThat(page.isCommitted()).as("sendError: the error page follows").isTrue();
        assertThat(page.getContentAsString()).isEmpty();
    }

    @Test
    void deleteWhenFormCannotBeDecodedFurtherDownThen400Problem() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/api/v1/me/backup-codes/reveal");
        request.setContentType("application/x-www-form-urlencoded");
        MockFilterChain failing = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
        }, (req, res, chain) -> {
            throw new org.springframework.http.converter.HttpMessageNotReadableException("Could not decode HTTP form payload",
                    new org.springframework.http.server.ServletServerHttpRequest(request));
        });

        MockHttpServletResponse response = run(request, failing);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("\"code\":\"malformed_request\"");
    }

    @Test
    void requestWhenWellFormedThenPassedOnUntouched() throws Exception {
        MockHttpServletRequest json = post("/api/v1/login", "application/json; charset=UTF-8");
        MockHttpServletRequest form = new MockHttpServletRequest("POST", "/login");
        form.setContentType("application/x-www-form-urlencoded");
        form.addParameter("username", "たろう");
        MockHttpServletRequest upload = post("/support/request", "multipart/form-data; boundary=xyz");
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/login");

        for (MockHttpServletRequest request : java.util.List.of(json, form, upload, get)) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = run(request, chain);
            assertThat(chain.getRequest()).as(request.getRequestURI() + " " + request.getContentType()).isSameAs(request);
            assertThat(response.getStatus()).isEqualTo(200);
        }
    }
}
