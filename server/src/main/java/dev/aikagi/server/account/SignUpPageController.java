package dev.aikagi.server.account;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.account.SignUp;
import dev.aikagi.core.factor.password.PasswordPolicy;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.login.LoginService;
import dev.aikagi.core.login.SignIn;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageInputs;
import dev.aikagi.server.web.SettingsPaths;
import dev.aikagi.server.web.WaitingApplications;
import dev.aikagi.server.web.WebCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Creating an account, which signs the person in (the password was just set, so there is nothing
 * else to prove) and takes them to turning on two-step verification. Someone already signed in who
 * creates another account gets it linked in their Account Center, as "add account" does.
 */
@Controller
class SignUpPageController {

    private final SignUp signUp;
    private final LoginService login;
    private final SignIn signIn;
    private final WebCookies cookies;
    private final PageErrors errors;
    private final dev.aikagi.core.notify.KnownDevices devices;
    private final Clock clock;
    private final WaitingApplications applications;

    SignUpPageController(SignUp signUp, LoginService login, SignIn signIn, WebCookies cookies, PageErrors errors,
                         dev.aikagi.core.notify.KnownDevices devices, Clock clock, WaitingApplications applications) {
        this.applications = Objects.requireNonNull(applications, "applications");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.signUp = Objects.requireNonNull(signUp, "signUp");
        this.login = Objects.requireNonNull(login, "login");
        this.signIn = Objects.requireNonNull(signIn, "signIn");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    @GetMapping("/signup")
    String signUpPage(Model model) {
        model.addAttribute("username", "");
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        return "signup";
    }

    @PostMapping("/signup")
    String signUp(@RequestParam(required = false) String username, @RequestParam(required = false) String password,
                  HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        ClientAddress from = ClientAddresses.of(request);
        Outcome<AccountId, SignUp.Problem> result = signUp.register(username, password, from.value());
        if (result instanceof Outcome.Refused<AccountId, SignUp.Problem> refused) {
            errors.show(AccountFailures.of(refused.failure(), refused.retryAt()), response, model, locale);
            model.addAttribute("username", PageInputs.echo(username));
            model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
            SignUpFields.describe(refused.failure(), password, model);
            // Too many sign-ups from this address: 429 with Retry-After, and the time to try again.
            refused.retryAt().ifPresent(retryAt -> response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(
                    Math.max(1, Duration.between(clock.instant(), retryAt).toSeconds()))));
            return "signup";
        }
        // The same password step as the login page, so the new session records how it was proven.
        LoginResult signedIn = login.submitPassword(username, password, from);
        if (!(signedIn instanceof LoginResult.Authenticated authenticated)) {
            return "redirect:/login";
        }
        String device = cookies.read(request, cookies.deviceName())
                .filter(dev.aikagi.core.notify.KnownDevices::isServerToken).orElseGet(devices::newToken);
        SignIn.SignedIn opened = signIn.complete(authenticated, new SignIn.NewAccount(CurrentSession.get(), device), from);
        cookies.write(response, cookies.sessionName(), opened.opened().token(), Session.MAX_AGE);
        cookies.write(response, cookies.deviceName(), device, WebCookies.DEVICE_COOKIE_AGE);
        cookies.clear(response, cookies.flowName());
        cookies.clear(response, cookies.csrfName());
        // Sent by an application: back to its login request, not to Aikagi's settings.
        if (applications.waiting(request).isPresent()) {
            return "redirect:" + WaitingApplications.CONTINUE;
        }
        // "Account created", on the account's two-step page (or on the choice, with other accounts linked).
        return "redirect:" + SettingsPaths.TWO_FACTOR + "?created";
    }
}
