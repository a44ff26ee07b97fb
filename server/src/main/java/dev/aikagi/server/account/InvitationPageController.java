package dev.aikagi.server.account;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.admin.Invitations;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageModelAdvice;
import dev.aikagi.server.web.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The invitation link of a user an operator created (issue 18): opening it shows the form and changes nothing
 * (mail scanners fetch links); sending it sets the password with the single-use token, and the person then logs in
 * as everyone does (with two-step set up afterwards). An unknown, used and expired link get the same page.
 */
@Controller
class InvitationPageController {

    private static final String VIEW = "invitation";
    private static final Refusal TOO_MANY = Refusal.untilRetry(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts",
            "invitation.error.too_many_attempts");

    private final Invitations invitations;
    private final PageErrors errors;
    private final Clock clock;

    InvitationPageController(Invitations invitations, PageErrors errors, Clock clock) {
        this.invitations = Objects.requireNonNull(invitations, "invitations");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @GetMapping(Invitations.PATH)
    String open(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        // The token is in the address bar: keep it out of Referer headers of anything this page loads.
        response.setHeader("Referrer-Policy", "no-referrer");
        if (!invitations.usable(token)) {
            return invalid(model, response);
        }
        return form(token, model);
    }

    @PostMapping(Invitations.PATH)
    String accept(@RequestParam(required = false) String token, @RequestParam(required = false) String password,
                  HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        response.setHeader("Referrer-Policy", "no-referrer");
        Outcome<AccountId, Invitations.Failure> result = invitations.accept(token, password,
                ClientAddresses.of(request).value());
        if (result instanceof Outcome.Refused<AccountId, Invitations.Failure> refused) {
            SignUp.Problem problem = switch (refused.failure()) {
                case LINK_INVALID -> null;
                case TOO_MANY_ATTEMPTS -> SignUp.Problem.TOO_MANY_ATTEMPTS;
                case PASSWORD_TOO_SHORT -> SignUp.Problem.PASSWORD_TOO_SHORT;
                case PASSWORD_TOO_LONG -> SignUp.Problem.PASSWORD_TOO_LONG;
                case PASSWORD_COMMON -> SignUp.Problem.PASSWORD_COMMON;
                case PASSWORD_CONTAINS_USERNAME -> SignUp.Problem.PASSWORD_CONTAINS_USERNAME;
            };
            if (problem == null) {
                return invalid(model, response);
            }
            if (problem == SignUp.Problem.TOO_MANY_ATTEMPTS) {
                errors.show(TOO_MANY.retryAt(refused.retryAt()), response, model, locale);
                refused.retryAt().ifPresent(retryAt -> response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(
                        Math.max(1, Duration.between(clock.instant(), retryAt).toSeconds()))));
            } else {
                errors.show(AccountFailures.of(problem, refused.retryAt()), response, model, locale);
                model.addAttribute("invalidField", "password");
            }
            // The language links of the form shown again keep the link's token, as on the GET they do.
            model.addAttribute(PageModelAdvice.LANG_BASE, Invitations.PATH + "?token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&");
            return form(token, model);
        }
        model.addAttribute("done", true);
        model.addAttribute("invalid", false);
        return VIEW;
    }

    private static String form(String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("done", false);
        model.addAttribute("invalid", false);
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        return VIEW;
    }

    private static String invalid(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.GONE.value());
        model.addAttribute("done", false);
        model.addAttribute("invalid", true);
        return VIEW;
    }
}
