package dev.aikagi.server.twostep;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.totp.AuthenticatorApp;
import dev.aikagi.core.factor.totp.TotpEnrollment;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.core.settings.StepUp;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.settings.TwoStepStatus;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.ConfirmStep;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.MethodsPage;
import dev.aikagi.server.web.PageErrors;
import dev.aikagi.server.web.PageInputs;
import dev.aikagi.server.web.PageMessages;
import dev.aikagi.server.web.PageModelAdvice;
import dev.aikagi.server.web.Refusal;
import dev.aikagi.server.web.SafeRedirects;
import dev.aikagi.server.web.SettingsPaths;
import dev.aikagi.server.web.ShownCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The two-step verification methods of the signed-in account: turning the authenticator app on (or
 * replacing it), turning two-step verification off, and entering the password again before a change.
 *
 * <p>The account id in the path must be the session's own: the pages never act on another account,
 * and any other id (or a malformed one) goes back to the account choice.
 */
@Controller
public class TwoFactorPageController {

    public static final String BASE = SettingsPaths.TWO_FACTOR_BASE;

    private final TwoStepSettings settings;
    private final ShownCodes shownCodes;
    private final PageErrors errors;

    private final dev.aikagi.server.web.WebCookies cookies;
    private final MethodsPage methodsPage;

    TwoFactorPageController(TwoStepSettings settings, ShownCodes shownCodes, PageErrors errors,
                            dev.aikagi.server.web.WebCookies cookies, MethodsPage methodsPage) {
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.shownCodes = Objects.requireNonNull(shownCodes, "shownCodes");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.methodsPage = Objects.requireNonNull(methodsPage, "methodsPage");
    }

    static String methodsPath(AccountId id) {
        return SettingsPaths.methodsPath(id);
    }

    /** The session, when {@code accountId} is its own account. */
    static Optional<Session> owner(String accountId) {
        return SettingsPaths.owner(accountId);
    }

    static String toChoice() {
        return SettingsPaths.toChoice();
    }

    @GetMapping(BASE)
    String methods(@PathVariable String accountId, HttpServletRequest request, Model model, Locale locale) {
        Optional<Session> session = owner(accountId);
        if (session.isEmpty()) {
            return toChoice();
        }
        for (String notice : new String[] {"turned-off", "codes-saved", "totp-replaced", "reauthenticated",
                "phone-verified", "method-removed", "email-verified", "totp-added", "created"}) {
            if (request.getParameter(notice) != null) {
                model.addAttribute("notice", errors.text("two_factor.notice." + notice.replace('-', '_'), locale));
            }
        }
        methodsModel(session.get(), model, locale);
        return "two-factor-methods";
    }

    @PostMapping(BASE + "/totp")
    String startTotp(@PathVariable String accountId, @RequestParam(required = false) String name, Model model,
                     HttpServletResponse response, Locale locale) {
        Optional<Session> session = owner(accountId);
        if (session.isEmpty()) {
            return toChoice();
        }
        Outcome<TotpEnrollment, SettingsProblem> started = settings.startTotp(session.get(), name);
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(methodsPath(session.get().accountId())));
        if (!started.isDone()) {
            return refusedBeforeChange(started.refusal().orElseThrow(), session.get(), model, response, locale);
        }
        return setupPage(session.get(), started.doneValue().get(), PageInputs.echo(name), false, model);
    }

    /** The set-up page with the key and QR code of {@code enrollment}; {@code retry} after a refused code. */
    private String setupPage(Session session, TotpEnrollment enrollment, String name, boolean retry, Model model) {
        model.addAttribute("accountId", session.accountId().toString());
        model.addAttribute("twoStepOn", settings.isEnabled(session.accountId()));
        model.addAttribute("qr", QrCodes.pngDataUri(enrollment.keyUri()));
        model.addAttribute("keyUri", enrollment.keyUri());
        model.addAttribute("secret", enrollment.groupedSecret());
        model.addAttribute("showKey", true);
        model.addAttribute("retry", retry);
        model.addAttribute("appName", name);
        return "totp-setup";
    }

    @PostMapping(BASE + "/totp/confirm")
    String confirmTotp(@PathVariable String accountId, @RequestParam(required = false) String code,
                       @RequestParam(required = false) String name,
                       HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = owner(accountId);
        if (session.isEmpty()) {
            return toChoice();
        }
        ClientAddress from = ClientAddresses.of(request);
        Outcome<TwoStepSettings.TotpConfirmed, SettingsProblem> confirmed = settings.confirmTotp(session.get(), code, name, from);
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(methodsPath(session.get().accountId())));
        if (confirmed.isDone()) {
            // Turning two-step verification on ended the other sessions and raised this one (new cookie).
            cookies.keep(response, confirmed.doneValue().get().raised());
            Optional<IssuedBackupCodes> first = confirmed.doneValue().get().firstBackupCodes();
            if (first.isEmpty()) {
                return "redirect:" + methodsPath(session.get().accountId()) + "?totp-added";
            }
            return shownCodes.issued(session.get(), first.get(), model, locale);
        }
        SettingsProblem problem = confirmed.refusal().orElseThrow();
        if (problem == SettingsProblem.REAUTHENTICATION_REQUIRED || problem == SettingsProblem.SECOND_FACTOR_REQUIRED) {
            return refusedBeforeChange(problem, session.get(), model, response, locale);
        }
        Refusal refusal = TwoStepFailures.of(problem, FactorKind.TOTP, confirmed.retryAt());
        if (problem == SettingsProblem.NO_PENDING_ENROLLMENT) {
            errors.show(refusal, response, model, locale);
            methodsModel(session.get(), model, locale);
            return "two-factor-methods";
        }
        // The enrolment is still pending: show its key and QR code again (issue 17: a mistyped key must not
        // mean starting over), ask for another code, and offer a fresh key for anyone who would rather.
        errors.show(refusal, response, model, locale);
        Optional<TotpEnrollment> pending = settings.pendingTotp(session.get()).doneValue();
        if (pending.isEmpty()) {
            methodsModel(session.get(), model, locale);
            return "two-factor-methods";
        }
        String shownName = problem == SettingsProblem.AUTHENTICATOR_NAME_INVALID
                ? PageInputs.echo(name) : settings.pendingTotpName(session.get().accountId());
        return setupPage(session.get(), pending.get(), shownName, true, model);
    }

    /** The confirm step of removing one authenticator app: what it does, the password, confirm or cancel. */
    @GetMapping(BASE + "/authenticators/{appId}/remove")
    String removeAppPage(@PathVariable String accountId, @PathVariable String appId, Model model, Locale locale) {
        Optional<Session> session = owner(accountId);
        if (session.isEmpty()) {
            return toChoice();
        }
        AccountId id = session.get().accountId();
        if (settings.needsSecondFactor(session.get())) {
            return SettingsPaths.stepUpFor(methodsPath(id));
        }
        Optional<AuthenticatorApp> app = app(id, appId);
        if (app.isEmpty()) {
            return "redirect:" + methodsPath(id);
        }
        return ConfirmStep.removeApp(id, app.get().id(), app.get().name()).show(id, model);
    }

    @PostMapping(BASE + "/authenticators/{appId}/remove")
    String removeApp(@PathVariable String accountId, @PathVariable String appId,
                     @RequestParam(required = false) String password, HttpServletRequest request,
                     HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = owner(accountId);
        if (session.isEmpty()) {
            return toChoice();
        }
        AccountId id = session.get().accountId();
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(methodsPath(id)));
        Optional<AuthenticatorApp> app = app(id, appId);
        Outcome<TwoStepStatus, SettingsProblem> removed = app.isEmpty()
                ? Outcome.refused(SettingsProblem.AUTHENTICATOR_NOT_FOUND)
                : settings.removeAuthenticator(session.get(), app.get().id(), password, ClientAddresses.of(request));
        if (removed.isDone()) {
            return "redirect:" + methodsPath(id) + "?method-removed";
        }
        SettingsProblem problem = removed.refusal().orElseThrow();
        if (problem == SettingsProblem.SECOND_FACTOR_REQUIRED) {
            return SettingsPaths.stepUpFor(methodsPath(id));
        }
        errors.show(TwoStepFailures.of(problem, null, removed.retryAt()), response, model, locale);
        if (app.isPresent() && (problem == SettingsProblem.PASSWORD_WRONG || problem == SettingsProblem.TOO_MANY_ATTEMPTS)) {
            return ConfirmStep.removeApp(id, app.get().id(), app.get().name()).show(id, model);
        }
        methodsModel(session.get(), model, locale);
        return "two-factor-methods";
    }

    /** The confirm step of stopping codes by text message; the form posts to the contact journey's remove-method. */
    @GetMapping(BASE + "/sms/remove")
    String stopSmsPage(@PathVariable String accountId, Model model) {
        Optional<Session> session = owner(accountId);
        if (session.isEmpty()) {
            return toChoice();
        }
        AccountId id = session.get().accountId();
        if (settings.needsSecondFactor(session.get())) {
            return SettingsPaths.stepUpFor(methodsPath(id));
        }
        TwoStepStatus status = settings.status(id);
        if (!status.smsEnrolled()) {
            return "redirect:" + methodsPath(id);
        }
        return ConfirmStep.stopSms(id, status.smsDestination().orElse("")).show(id, model);
    }

    /** The confirm step of turning two-step verification off: the password and a code (app, SMS or backup). */
    @GetMapping(BASE + "/disable")
    String disablePage(@PathVariable String accountId, Model model, Locale locale) {
        Optional<Session> session = owner(accountId);
        if (session.isEmpty()) {
            return toChoice();
        }
        AccountId id = session.get().accountId();
        if (settings.needsSecondFactor(session.get())) {
            return SettingsPaths.stepUpFor(methodsPath(id) + "/disable");
        }
        if (!settings.isEnabled(id)) {
            return "redirect:" + methodsPath(id);
        }
        return disableModel(session.get(), model, locale);
    }

    /** Texts a code for turning two-step verification off, then shows the same step with SMS chosen. */
    @PostMapping(BASE + "/disable/send-code")
    String sendDisableCode(@PathVariable String accountId, HttpServletRequest request, HttpServletResponse response,
                           Model model, Locale locale) {
        Optional<Session> session = owner(accountId);
        if (session.isEmpty()) {
            return toChoice();
        }
        AccountId id = session.get().accountId();
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(methodsPath(id) + "/disable"));
        Outcome<StepUp.CodeSent, SettingsProblem> sent = settings.sendDisableCode(session.get(), ClientAddresses.of(request));
        if (sent.isDone()) {
            model.addAttribute("notice", errors.text("authn.disable.code_sent", locale, sent.doneValue().get().destination()));
        } else {
            SettingsProblem problem = sent.refusal().orElseThrow();
            if (problem == SettingsProblem.SECOND_FACTOR_REQUIRED) {
                return SettingsPaths.stepUpFor(methodsPath(id) + "/disable");
            }
            if (problem == SettingsProblem.TWO_STEP_NOT_ENABLED) {
                return "redirect:" + methodsPath(id);
            }
            errors.show(TwoStepFailures.of(problem, FactorKind.SMS, sent.retryAt()), response, model, locale);
        }
        model.addAttribute("disableMethod", PageMessages.methodName(FactorKind.SMS));
        return disableModel(session.get(), model, locale);
    }

    private String disableModel(Session session, Model model, Locale locale) {
        methodsModel(session, model, locale);
        return "two-factor-disable";
    }

    private Optional<AuthenticatorApp> app(AccountId id, String appId) {
        Optional<java.util.UUID> wanted = PageInputs.uuid(appId);
        return wanted.flatMap(w -> settings.authenticators(id).stream().filter(a -> a.id().equals(w)).findFirst());
    }

    @PostMapping(BASE + "/disable")
    String disable(@PathVariable String accountId, @RequestParam(required = false) String password,
                   @RequestParam(required = false) String method, @RequestParam(required = false) String code,
                   HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = owner(accountId);
        if (session.isEmpty()) {
            return toChoice();
        }
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(methodsPath(session.get().accountId())));
        Optional<FactorKind> kind = PageMessages.secondFactor(method)
                .filter(k -> k == FactorKind.TOTP || k == FactorKind.BACKUP_CODE || k == FactorKind.SMS);
        if (kind.isEmpty()) {
            errors.show(TwoStepFailures.UNKNOWN_METHOD, response, model, locale);
            return disableModel(session.get(), model, locale);
        }
        Outcome<TwoStepStatus, SettingsProblem> disabled = settings.disable(session.get(), password, kind.get(), code,
                ClientAddresses.of(request));
        if (disabled.isDone()) {
            return "redirect:" + methodsPath(session.get().accountId()) + "?turned-off";
        }
        SettingsProblem problem = disabled.refusal().orElseThrow();
        if (problem == SettingsProblem.SECOND_FACTOR_REQUIRED) {
            return SettingsPaths.stepUpFor(methodsPath(session.get().accountId()));
        }
        errors.show(TwoStepFailures.of(problem, kind.get(), disabled.retryAt()), response, model, locale);
        if (problem == SettingsProblem.TWO_STEP_NOT_ENABLED) {
            methodsModel(session.get(), model, locale);
            return "two-factor-methods";
        }
        model.addAttribute("disableMethod", PageMessages.methodName(kind.get()));
        return disableModel(session.get(), model, locale);
    }

    /** Entering the password again opens sensitive changes for a few minutes, then goes back. */
    @PostMapping("/settings/reauth")
    String reauthenticate(@RequestParam(required = false) String password, @RequestParam(required = false) String next,
                          HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Session session = CurrentSession.required();
        String target = SafeRedirects.settingsPath(next);
        Outcome<Session, SettingsProblem> outcome = settings.reauthenticate(session, password, ClientAddresses.of(request));
        if (outcome.isDone()) {
            return "redirect:" + target;
        }
        SettingsProblem problem = outcome.refusal().orElseThrow();
        errors.show(TwoStepFailures.of(problem, null, outcome.retryAt()), response, model, locale);
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(target));
        model.addAttribute("next", target);
        return "reauth";
    }

    /** The password form, the step-up, or the refusal on the methods page ({@link MethodsPage}). */
    String refusedBeforeChange(SettingsProblem problem, Session session, Model model, HttpServletResponse response,
                               Locale locale) {
        return methodsPage.refusedBeforeChange(problem, session, model, response, locale);
    }

    void methodsModel(Session session, Model model, Locale locale) {
        methodsPage.model(session, model, locale);
    }
}
