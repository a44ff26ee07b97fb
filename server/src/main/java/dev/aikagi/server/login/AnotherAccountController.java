package dev.aikagi.server.login;

import dev.aikagi.server.web.WebCookies;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * "Not you? Use another account" on the login and code pages: the login under way is dropped (its flow
 * cookie, so its codes can no longer be given in this browser) and the login page opens empty. A waiting
 * application's request stays, so the other account's login still goes back to it.
 */
@Controller
class AnotherAccountController {

    static final String PATH = "/login/another-account";

    private final WebCookies cookies;

    AnotherAccountController(WebCookies cookies) {
        this.cookies = Objects.requireNonNull(cookies, "cookies");
    }

    @PostMapping(PATH)
    String useAnotherAccount(HttpServletResponse response) {
        cookies.clear(response, cookies.flowName());
        return "redirect:/login";
    }
}
