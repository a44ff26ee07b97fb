package dev.aikagi.server.login;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.core.login.LoginFlow;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.login.PasskeyLogin;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageInputs;
import dev.aikagi.server.web.PasskeyOptions;
import dev.aikagi.server.web.WebCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The passkey login pages (issue 17): "Log in with a passkey" on the login page starts a login of its own, and "Use
 * a passkey" under "Try another way" is the second step; both run the ceremony on {@code /login/passkey}, whose script
 * posts the authenticator's answer. The flow's id travels in the login flow cookie, as for the other steps, and the
 * login ends as every page login does ({@link LoginPageController#finish}).
 */
@Controller
class PasskeyLoginPageController {

    private final PasskeyLogin passkeyLogin;
    private final PasskeyOptions options;
    private final LoginPageController pages;
    private final WebCookies cookies;
    private final PageErrors errors;

    PasskeyLoginPageController(PasskeyLogin passkeyLogin, PasskeyOptions options, LoginPageController pages,
                               WebCookies cookies, PageErrors errors) {
        this.passkeyLogin = Objects.requireNonNull(passkeyLogin, "passkeyLogin");
        this.options = Objects.requireNonNull(options, "options");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /** "Log in with a passkey": a new flow with no account named, then its page. */
    @PostMapping("/login/passkey/start")
    String start(@RequestParam(required = false) String then, HttpServletResponse response) {
        PasskeyLogin.Started started = passkeyLogin.start();
        cookies.write(response, cookies.flowName(), started.flow().id().toString(), LoginFlow.LIFETIME);
        return "redirect:/login/passkey" + PageInputs.thenQuery(PageInputs.then(then));
    }

    @GetMapping("/login/passkey")
    String page(@RequestParam(required = false) String then, HttpServletRequest request, HttpServletResponse response,
                Model model) {
        Optional<UUID> flow = flowId(request);
        if (flow.isEmpty()) {
            return "redirect:/login?flow-expired";
        }
        return render(flow.get(), PageInputs.then(then), response, model);
    }

    @PostMapping("/login/passkey")
    String verify(@RequestParam(required = false) String credential, @RequestParam(required = false) String then,
                  @RequestParam(required = false) String remember, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<UUID> flow = flowId(request);
        if (flow.isEmpty()) {
            cookies.clear(response, cookies.flowName());
            return "redirect:/login?flow-expired";
        }
        String next = PageInputs.then(then);
        ClientAddress from = ClientAddresses.of(request);
        String device = pages.device(request, response);
        LoginResult result = credential == null || credential.isEmpty() || credential.length() > 16_384
                ? LoginResult.Failed.of(LoginFailure.PASSKEY_INVALID)
                : passkeyLogin.verify(flow.get(), credential, from, Optional.of(device));
        return switch (result) {
            case LoginResult.Authenticated a -> {
                // Issue 17: "don't ask again on this browser" after a passkey as the second step (the box is shown
                // only then; a passkey alone needs no password to skip).
                if (remember != null) {
                    pages.rememberBrowser(a.flow(), from, request, response);
                }
                yield pages.finish(a, next, from, device, request, response);
            }
            case LoginResult.Failed f when f.failure() == LoginFailure.FLOW_EXPIRED -> {
                cookies.clear(response, cookies.flowName());
                yield "redirect:/login?flow-expired";
            }
            case LoginResult.Failed f -> {
                errors.show(LoginFailures.of(f.failure(), FactorKind.PASSKEY, f.retryAt()), response, model, locale);
                yield render(flow.get(), next, response, model);
            }
            case LoginResult.SecondFactorRequired s -> "redirect:/login/challenge" + PageInputs.thenQuery(next);
        };
    }

    private String render(UUID flowId, String then, HttpServletResponse response, Model model) {
        Outcome<PasskeyLogin.PageOptions, LoginFailure> started = passkeyLogin.pageOptions(flowId);
        if (!(started instanceof Outcome.Done<PasskeyLogin.PageOptions, LoginFailure>(var page))) {
            cookies.clear(response, cookies.flowName());
            return "redirect:/login?flow-expired";
        }
        model.addAttribute("options", PasskeyOptions.json(options.request(page.options())));
        model.addAttribute("secondStep", page.secondStep());
        model.addAttribute("mayRemember", page.secondStep() && pages.mayRemember(FactorKind.PASSKEY));
        model.addAttribute("rememberDays", pages.rememberDays());
        model.addAttribute("then", then);
        model.addAttribute("thenQuery", PageInputs.thenQuery(then));
        return "login-passkey";
    }

    private Optional<UUID> flowId(HttpServletRequest request) {
        return cookies.read(request, cookies.flowName()).flatMap(PageInputs::uuid);
    }
}
