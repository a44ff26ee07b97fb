package dev.aikagi.server.login;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.code.SendResult;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.BackupCodes;
import dev.aikagi.core.login.LoginFailure;
import dev.aikagi.core.login.LoginFlow;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.login.LoginService;
import dev.aikagi.core.login.SignIn;
import dev.aikagi.core.login.SignOut;
import dev.aikagi.core.login.TrustedDeviceLogin;
import dev.aikagi.core.notify.KnownDevices;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.SecurityCheckup;
import dev.aikagi.core.trust.TrustedDevices;
import dev.aikagi.server.oidc.PendingAuthorization;
import dev.aikagi.server.web.CheckupPaths;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.Devices;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageInputs;
import dev.aikagi.server.web.PageMessages;
import dev.aikagi.server.web.SendAgainLinks;
import dev.aikagi.server.web.SettingsPaths;
import dev.aikagi.server.web.WebCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
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
 * The login pages: password, the second-factor challenge, "try another way", the count of backup
 * codes left, and logging out. The login flow's id travels in its own cookie between the steps;
 * each finished step gives the browser a new token (the flow cookie, then a new session cookie).
 *
 * <p>A login finished while already signed in is "add account" from the Account Center: the two
 * accounts are linked and the session switches to the new one.
 */
@Controller
public class LoginPageController {

    static final String AFTER_LOGIN = "/settings";
    static final String TWO_FACTOR = SettingsPaths.TWO_FACTOR;
    static final String ACCOUNT_CENTER = "/settings/account-center";
    /** Where an "add account" login from the two-factor page's account choice goes on. */
    static final String THEN_TWO_FACTOR = SettingsPaths.THEN_TWO_FACTOR;
    /** Where a login an application asked for ends: the way back to the authorization request. */
    static final String CONTINUE = "/login/continue";

    private final LoginService login;
    private final SignIn signIn;
    private final SignOut signOut;
    private final BackupCodes backupCodes;
    private final WebCookies cookies;
    private final PageErrors errors;
    private final KnownDevices devices;
    private final Clock clock;
    private final PendingAuthorization pendingAuthorization;
    private final TrustedDeviceLogin trustedLogin;
    private final TrustedDevices trusted;
    private final SecurityCheckup checkup;

    /** How long a browser keeps its device id (the longest a browser keeps a cookie, RFC 6265bis). */
    static final java.time.Duration DEVICE_COOKIE_AGE = WebCookies.DEVICE_COOKIE_AGE;

    LoginPageController(LoginService login, SignIn signIn, SignOut signOut, BackupCodes backupCodes, WebCookies cookies,
                        PageErrors errors, KnownDevices devices, Clock clock,
                        PendingAuthorization pendingAuthorization, TrustedDeviceLogin trustedLogin,
                        TrustedDevices trusted, SecurityCheckup checkup) {
        this.trustedLogin = Objects.requireNonNull(trustedLogin, "trustedLogin");
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.checkup = Objects.requireNonNull(checkup, "checkup");
        this.pendingAuthorization = Objects.requireNonNull(pendingAuthorization, "pendingAuthorization");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.login = Objects.requireNonNull(login, "login");
        this.signIn = Objects.requireNonNull(signIn, "signIn");
        this.signOut = Objects.requireNonNull(signOut, "signOut");
        this.backupCodes = Objects.requireNonNull(backupCodes, "backupCodes");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @GetMapping("/")
    String home() {
        return CurrentSession.get().isPresent() ? "redirect:" + AFTER_LOGIN : "redirect:/login";
    }

    @GetMapping("/login")
    String loginPage(@RequestParam(required = false) String add, @RequestParam(required = false) String username,
                     @RequestParam(required = false) String then, HttpServletRequest request,
                     HttpServletResponse response, Model model, Locale locale) {
        // The device value is given with the form, so that the login's answers do not differ by whether the
        // browser had one (a wrong password and an unknown user answer alike, headers included).
        device(request, response);
        boolean signedIn = CurrentSession.get().isPresent();
        // An application asked for a fresh login (prompt=login, max_age, two-step): the form, even when signed in.
        boolean forApplication = pendingAuthorization.read(request).isPresent();
        if (signedIn && add == null && !forApplication) {
            return "redirect:" + AFTER_LOGIN;
        }
        model.addAttribute("adding", signedIn && !forApplication);
        model.addAttribute("username", PageInputs.echo(username));
        model.addAttribute("then", PageInputs.then(then));
        if (request.getParameter("logged-out") != null) {
            model.addAttribute("notice", errors.text("login.notice.logged_out", locale));
        }
        if (request.getParameter("expired") != null) {
            model.addAttribute("error", errors.text("error.page_expired", locale));
        }
        if (request.getParameter("flow-expired") != null) {
            model.addAttribute("error", errors.text(LoginFailures.of(LoginFailure.FLOW_EXPIRED, null, Optional.empty()),
                    locale));
        }
        return "login";
    }

    @PostMapping("/login")
    String submitPassword(@RequestParam(required = false) String username, @RequestParam(required = false) String password,
                          @RequestParam(required = false) String then, HttpServletRequest request,
                          HttpServletResponse response, Model model, Locale locale) {
        ClientAddress from = ClientAddresses.of(request);
        String next = PageInputs.then(then);
        String device = device(request, response);
        // Issue 17: a browser this account trusts skips the second step (the password is still checked).
        List<String> entries = TrustedDevices.entries(cookies.read(request, cookies.trustName()).orElse(null));
        LoginResult result = trustedLogin.submitPassword(username, password, from, Optional.of(device),
                entries.isEmpty() ? Optional.empty() : Optional.of(new TrustedDevices.Browser(entries)));
        return switch (result) {
            case LoginResult.Authenticated a -> finish(a, next, from, device, request, response);
            case LoginResult.SecondFactorRequired s -> {
                cookies.write(response, cookies.flowName(), s.flow().id().toString(), LoginFlow.LIFETIME);
                // An account whose method is SMS gets its code at once (as GitHub and Instagram do); the
                // send limits still apply, and a refusal is shown on the challenge page.
                yield s.flow().challenge() == FactorKind.SMS
                        ? sendFirstSmsCode(s.flow(), next, request)
                        : "redirect:/login/challenge" + PageInputs.thenQuery(next);
            }
            case LoginResult.Failed f -> {
                errors.show(LoginFailures.of(f.failure(), null, f.retryAt()), response, model, locale);
                if (f.failure() == LoginFailure.INVALID_CREDENTIALS) {
                    model.addAttribute("invalidField", "password"); // aria-invalid and described by the error
                }
                model.addAttribute("adding", CurrentSession.get().isPresent());
                model.addAttribute("username", PageInputs.echo(username));
                model.addAttribute("then", next);
                yield "login";
            }
        };
    }

    @GetMapping("/login/challenge")
    String challengePage(@RequestParam(required = false) String then, HttpServletRequest request, Model model,
                         HttpServletResponse response, Locale locale) {
        Optional<LoginFlow> flow = currentFlow(request);
        if (flow.isEmpty()) {
            return "redirect:/login?flow-expired";
        }
        if (flow.get().challenge() == FactorKind.PASSKEY) {
            // Issue 17: a passkey has a page of its own (PasskeyLoginPageController).
            return "redirect:/login/passkey" + PageInputs.thenQuery(PageInputs.then(then));
        }
        challengeModel(flow.get(), PageInputs.then(then), model);
        if (request.getParameter("sent") != null && flow.get().challenge() == FactorKind.SMS) {
            model.addAttribute("notice", errors.text("challenge.sms.sent", locale,
                    login.smsDestination(flow.get()).orElse("")));
            model.addAttribute("smsSent", true);
            // When "send again" may be used: a hint in the address only (a changed value changes the display).
            SendAgainLinks.nextSendAt(request).ifPresent(at -> errors.sendAgainWait(at, model, locale));
        }
        String unsent = request.getParameter("unsent");
        if ("recent".equals(unsent) && flow.get().challenge() == FactorKind.SMS) {
            // The automatic code, right after another login's code: say it was sent, and when to ask again.
            errors.show(LoginFailures.of(LoginFailure.SENT_RECENTLY, FactorKind.SMS, SendAgainLinks.nextSendAt(request)),
                    login.smsDestination(flow.get()).orElse(null), response, model, locale);
            response.setStatus(HttpServletResponse.SC_OK);
            model.addAttribute("smsSent", true);
            return "login-challenge";
        }
        if (unsent != null && flow.get().challenge() == FactorKind.SMS) {
            LoginFailure failure = switch (unsent) {
                case "failed" -> LoginFailure.DELIVERY_FAILED;
                case "region" -> LoginFailure.PHONE_REGION_NOT_ALLOWED;
                default -> LoginFailure.TOO_MANY_SENDS;
            };
            model.addAttribute("error", errors.text(LoginFailures.of(failure, FactorKind.SMS, Optional.empty()), locale));
        }
        return "login-challenge";
    }

    /**
     * The code sent right after the password. Always a redirect, so reloading never posts the password
     * again; a refusal (too soon after another login's code, or the gateway failed) is shown on the
     * challenge page, whose "Text me a code" button tries again.
     */
    private String sendFirstSmsCode(LoginFlow flow, String next, HttpServletRequest request) {
        Outcome<SendResult.Sent, LoginFailure> result = login.sendCode(flow.id(), FactorKind.SMS, ClientAddresses.of(request));
        String then = next.isEmpty() ? "" : "&then=" + next;
        if (result instanceof Outcome.Done<SendResult.Sent, LoginFailure>(var sent)) {
            return "redirect:/login/challenge?sent" + SendAgainLinks.query(sent.nextSendAt()) + then;
        }
        LoginFailure failure = result.refusal().orElseThrow();
        String unsent = switch (failure) {
            case DELIVERY_FAILED -> "failed";
            case PHONE_REGION_NOT_ALLOWED -> "region";
            case SENT_RECENTLY -> "recent" + result.retryAt().map(SendAgainLinks::query).orElse("");
            default -> "later";
        };
        return "redirect:/login/challenge?unsent=" + unsent + then;
    }

    /** "Text me a code" and "Send again" on the SMS challenge. */
    @PostMapping("/login/send-code")
    String sendCode(@RequestParam(required = false) String then, HttpServletRequest request,
                    HttpServletResponse response, Model model, Locale locale) {
        Optional<LoginFlow> open = currentFlow(request);
        if (open.isEmpty()) {
            cookies.clear(response, cookies.flowName());
            return "redirect:/login?flow-expired";
        }
        return sendSmsCode(open.get(), PageInputs.then(then), request, response, model, locale);
    }

    private String sendSmsCode(LoginFlow flow, String next, HttpServletRequest request, HttpServletResponse response,
                               Model model, Locale locale) {
        Outcome<SendResult.Sent, LoginFailure> result = login.sendCode(flow.id(), FactorKind.SMS, ClientAddresses.of(request));
        if (result instanceof Outcome.Done<SendResult.Sent, LoginFailure>(var sent)) {
            return "redirect:/login/challenge?sent" + SendAgainLinks.query(sent.nextSendAt())
                    + (next.isEmpty() ? "" : "&then=" + next);
        }
        LoginFailure failure = result.refusal().orElseThrow();
        if (failure == LoginFailure.FLOW_EXPIRED) {
            cookies.clear(response, cookies.flowName());
            return "redirect:/login?flow-expired";
        }
        errors.show(LoginFailures.of(failure, FactorKind.SMS, result.retryAt()),
                login.smsDestination(flow).orElse(null), response, model, locale);
        LoginFlow shown = login.openFlow(flow.id(), clock.instant()).orElse(flow);
        challengeModel(shown, next, model);
        // A code was sent moments ago: the button still says "Send again", not "Text me a code" (issue 17).
        model.addAttribute("smsSent", failure == LoginFailure.SENT_RECENTLY);
        return "login-challenge";
    }

    @PostMapping("/login/challenge")
    String submitCode(@RequestParam(required = false) String code, @RequestParam(required = false) String then,
                      @RequestParam(required = false) String remember,
                      HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<UUID> flowId = currentFlowId(request);
        if (flowId.isEmpty()) {
            cookies.clear(response, cookies.flowName());
            return "redirect:/login?flow-expired";
        }
        String next = PageInputs.then(then);
        ClientAddress from = ClientAddresses.of(request);
        String device = device(request, response);
        // The method is the flow's own challenge, kept on the server: a tampered form cannot pick one. The
        // service reads the flow (once per request, issue 15); an expired or finished one answers FLOW_EXPIRED.
        LoginResult result = login.verifyChallenge(flowId.get(), code, from, Optional.of(device));
        return switch (result) {
            case LoginResult.Authenticated a -> {
                if (remember != null) {
                    rememberBrowser(a.flow(), from, request, response);
                }
                yield finish(a, next, from, device, request, response);
            }
            case LoginResult.SecondFactorRequired s -> "redirect:/login/challenge" + PageInputs.thenQuery(next);
            case LoginResult.Failed f when f.failure() == LoginFailure.FLOW_EXPIRED -> {
                cookies.clear(response, cookies.flowName());
                yield "redirect:/login?flow-expired";
            }
            case LoginResult.Failed f -> {
                // A refused code leaves the flow as it was: read again for the page (refusals only).
                Optional<LoginFlow> flow = login.openFlow(flowId.get(), clock.instant());
                if (flow.isEmpty()) {
                    cookies.clear(response, cookies.flowName());
                    yield "redirect:/login?flow-expired";
                }
                errors.show(LoginFailures.of(f.failure(), flow.get().challenge(), f.retryAt()), response, model, locale);
                challengeModel(flow.get(), next, model);
                model.addAttribute("locked", f.failure() == LoginFailure.METHOD_LOCKED);
                yield "login-challenge";
            }
        };
    }

    @GetMapping("/login/methods")
    String methodsPage(@RequestParam(required = false) String then, HttpServletRequest request, Model model) {
        Optional<LoginFlow> flow = currentFlow(request);
        if (flow.isEmpty()) {
            return "redirect:/login?flow-expired";
        }
        methodsModel(flow.get(), PageInputs.then(then), model);
        return "login-methods";
    }

    @PostMapping("/login/methods")
    String chooseMethod(@RequestParam(required = false) String method, @RequestParam(required = false) String then,
                        HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<LoginFlow> open = currentFlow(request);
        if (open.isEmpty()) {
            cookies.clear(response, cookies.flowName());
            return "redirect:/login?flow-expired";
        }
        String next = PageInputs.then(then);
        Optional<FactorKind> kind = PageMessages.secondFactor(method);
        LoginResult result = kind.isPresent()
                ? login.chooseMethod(open.get().id(), kind.get())
                : LoginResult.Failed.of(LoginFailure.METHOD_NOT_AVAILABLE);
        return switch (result) {
            // Choosing "text me a code" sends one at once, as the person expects.
            case LoginResult.SecondFactorRequired s when s.flow().challenge() == FactorKind.SMS ->
                    sendSmsCode(s.flow(), next, request, response, model, locale);
            case LoginResult.SecondFactorRequired s -> "redirect:/login/challenge" + PageInputs.thenQuery(next);
            case LoginResult.Failed f when f.failure() == LoginFailure.FLOW_EXPIRED -> {
                cookies.clear(response, cookies.flowName());
                yield "redirect:/login?flow-expired";
            }
            case LoginResult.Failed f -> {
                errors.show(LoginFailures.of(f.failure(), null, f.retryAt()), response, model, locale);
                methodsModel(open.get(), next, model);
                yield "login-methods";
            }
            case LoginResult.Authenticated a -> throw new AssertionError("choosing a method never finishes a login");
        };
    }

    /** After a backup-code login: how many codes are left, and a nudge to get new ones when few are. */
    @GetMapping("/login/backup-codes-left")
    String backupCodesLeft(HttpServletRequest request, Model model) {
        Optional<Session> session = CurrentSession.get();
        if (session.isEmpty()) {
            return "redirect:/login";
        }
        AccountId account = session.get().accountId();
        int remaining = backupCodes.remaining(account);
        model.addAttribute("remaining", remaining);
        model.addAttribute("low", remaining <= 1);
        model.addAttribute("backupCodesPath", SettingsPaths.methodsPath(account) + "/backup-codes");
        model.addAttribute("continuePath", pendingAuthorization.read(request).isPresent()
                ? CONTINUE : "/settings/account-center/security/two-factor");
        return "login-backup-codes-left";
    }

    /**
     * Back to the application that asked for the login. A page rather than a redirect: the browser's
     * {@code form-action 'self'} rule covers every redirect after a form, and the application is elsewhere.
     * The page moves on by itself (app.js follows its link) and offers the link as a button without script.
     */
    @GetMapping(CONTINUE)
    String continueToApplication(HttpServletRequest request, Model model) {
        Optional<PendingAuthorization.Pending> application = pendingAuthorization.read(request);
        if (application.isEmpty()) {
            return "redirect:" + AFTER_LOGIN;
        }
        model.addAttribute("continueTo", application.get().path());
        return "login-continue";
    }

    @PostMapping("/logout")
    String logout(HttpServletRequest request, HttpServletResponse response) {
        CurrentSession.get().ifPresent(session -> signOut.signOut(session, ClientAddresses.of(request)));
        cookies.clear(response, cookies.sessionName());
        cookies.clear(response, cookies.flowName());
        cookies.clear(response, cookies.csrfName());
        return "redirect:/login?logged-out";
    }

    /**
     * This browser's device value: its device cookie if the server made it ({@link KnownDevices#isServerToken}),
     * otherwise a new random one, set at once so that the login finished with it binds it (issue 14: a
     * device that completed a login keeps its own attempt budget; a value the client chose is never used).
     */
    String device(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> current = cookies.read(request, cookies.deviceName()).filter(KnownDevices::isServerToken);
        if (current.isPresent()) {
            return current.get();
        }
        String fresh = devices.newToken();
        cookies.write(response, cookies.deviceName(), fresh, DEVICE_COOKIE_AGE);
        return fresh;
    }

    String finish(LoginResult.Authenticated authenticated, String then, ClientAddress from, String device,
                          HttpServletRequest request, HttpServletResponse response) {
        cookies.write(response, cookies.deviceName(), device, DEVICE_COOKIE_AGE);
        Optional<PendingAuthorization.Pending> application = pendingAuthorization.read(request);
        // An application that asked for a fresh login gets one: it replaces the session, not adds an account.
        SignIn.SignedIn signedIn = signIn.complete(authenticated, new SignIn.Browser(CurrentSession.get(),
                application.isPresent(), device, Devices.describe(request.getHeader("User-Agent"))), from);
        cookies.write(response, cookies.sessionName(), signedIn.opened().token(), Session.MAX_AGE);
        cookies.clear(response, cookies.flowName());
        // A new CSRF token with the new session: the next page makes one (no token planted before
        // the login survives it).
        cookies.clear(response, cookies.csrfName());
        if (authenticated.remainingBackupCodes().isPresent()) {
            return "redirect:/login/backup-codes-left";
        }
        // Issue 17: a pending deletion is shown before the login goes on; the checkup's nudge waits on /settings.
        if (signedIn instanceof SignIn.Opened || application.isPresent()) {
            String next = application.isPresent() ? CONTINUE : AFTER_LOGIN;
            if (checkup.afterLogin(signedIn.opened().session(), application.isPresent())
                    == SecurityCheckup.AfterLogin.DELETION_PENDING) {
                return "redirect:" + CheckupPaths.deletionPending(next);
            }
        }
        if (application.isPresent()) {
            return "redirect:" + CONTINUE;
        }
        return switch (signedIn) {
            case SignIn.AccountAdded added -> "redirect:" + (THEN_TWO_FACTOR.equals(then)
                    ? SettingsPaths.methodsPath(authenticated.flow().accountId()) : ACCOUNT_CENTER);
            case SignIn.Opened opened -> "redirect:" + AFTER_LOGIN;
        };
    }

    /**
     * Issue 17, "don't ask again on this browser": a trust record for the account, and its entry first in the
     * browser's trust cookie (other accounts' entries kept), for the trust's lifetime. A login that may not be
     * remembered (a backup code, the feature off) leaves everything as it was.
     */
    void rememberBrowser(LoginFlow flow, ClientAddress from, HttpServletRequest request,
                                 HttpServletResponse response) {
        trusted.rememberBrowser(flow, Devices.describe(request.getHeader("User-Agent")), from).doneValue()
                .ifPresent(entry -> cookies.write(response, cookies.trustName(), TrustedDevices.withEntry(entry,
                        TrustedDevices.entries(cookies.read(request, cookies.trustName()).orElse(null))),
                        trusted.lifetime()));
    }

    private Optional<LoginFlow> currentFlow(HttpServletRequest request) {
        return currentFlowId(request).flatMap(id -> login.openFlow(id, clock.instant()));
    }

    /** The flow id of the browser's flow cookie, unread: the service reads the flow. */
    private Optional<UUID> currentFlowId(HttpServletRequest request) {
        return cookies.read(request, cookies.flowName()).flatMap(PageInputs::uuid);
    }

    private void challengeModel(LoginFlow flow, String then, Model model) {
        FactorKind method = flow.challenge();
        model.addAttribute("method", PageMessages.methodName(method));
        model.addAttribute("backupCode", method == FactorKind.BACKUP_CODE);
        model.addAttribute("sms", method == FactorKind.SMS);
        // Shown only on the SMS challenge; no read of the phone for the other methods.
        model.addAttribute("smsDestination", method == FactorKind.SMS ? login.smsDestination(flow).orElse("") : "");
        model.addAttribute("otherMethods", flow.secondFactors().size() > 1);
        // Issue 17: "don't ask again on this browser" only for a method that may be remembered.
        model.addAttribute("mayRemember", mayRemember(method));
        model.addAttribute("rememberDays", rememberDays());
        model.addAttribute("then", then);
        model.addAttribute("thenQuery", PageInputs.thenQuery(then));
    }

    /** Whether the page of a second step with {@code method} offers "don't ask again on this browser". */
    boolean mayRemember(FactorKind method) {
        return trusted.isOn() && dev.aikagi.core.login.CompletedFactor.REMEMBERING_METHODS.contains(method);
    }

    long rememberDays() {
        return Math.max(1L, trusted.lifetime().toDays());
    }

    private void methodsModel(LoginFlow flow, String then, Model model) {
        model.addAttribute("smsDestination", login.smsDestination(flow).orElse(""));
        List<String> methods = flow.secondFactors().stream().sorted().map(PageMessages::methodName).toList();
        model.addAttribute("methods", methods);
        model.addAttribute("current", PageMessages.methodName(flow.challenge()));
        model.addAttribute("then", then);
        model.addAttribute("thenQuery", PageInputs.thenQuery(then));
    }
}
