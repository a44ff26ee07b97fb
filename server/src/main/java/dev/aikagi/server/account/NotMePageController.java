package dev.aikagi.server.account;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.notify.SecurityNotifications;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.WebCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The "This wasn't me" link of security notifications. Opening the link only shows a confirmation
 * form: mail scanners fetch links, and a GET must not log anyone out. Confirming uses the single-use
 * token, ends every session of the account and forgets its devices.
 */
@Controller
class NotMePageController {

    private final SecurityNotifications notifications;
    private final WebCookies cookies;

    NotMePageController(SecurityNotifications notifications, WebCookies cookies) {
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
    }

    @GetMapping("/security/not-me")
    String confirm(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        // The token is in the address bar: keep it out of Referer headers of anything this page loads.
        response.setHeader("Referrer-Policy", "no-referrer");
        if (token == null || token.isBlank() || token.length() > 128) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("invalid", true);
            model.addAttribute("done", false);
            return "not-me";
        }
        model.addAttribute("token", token);
        model.addAttribute("done", false);
        model.addAttribute("invalid", false);
        return "not-me";
    }

    @PostMapping("/security/not-me")
    String report(@RequestParam(required = false) String token, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        response.setHeader("Referrer-Policy", "no-referrer");
        Optional<AccountId> account = notifications.reportNotMe(token, ClientAddresses.of(request).value());
        model.addAttribute("done", account.isPresent());
        model.addAttribute("invalid", account.isEmpty());
        if (account.isEmpty()) {
            response.setStatus(HttpStatus.GONE.value());
            return "not-me";
        }
        cookies.clear(response, cookies.sessionName());
        return "not-me";
    }
}
