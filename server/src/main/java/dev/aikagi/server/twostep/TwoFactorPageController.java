package dev.aikagi.server.twostep;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.factor.backup.IssuedBackupCodes;
import dev.aikagi.core.factor.totp.TotpEnrollment;
import dev.aikagi.core.policy.ClientAddress;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.SettingsProblem;
import dev.aikagi.core.settings.TwoStepSettings;
import dev.aikagi.core.settings.TwoStepStatus;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.MethodsPage;
import dev.aikagi.server.web.PageErrors;
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
                "phone-verified", "method-removed", "email-verified", "created"}) {
            if (request.getParameter(notice) != null) {
                model.addAttribute("notice", errors.text("two_factor.notice." + notice.replace('-', '_'), locale));
            }
        }
        methodsModel(session.get(), model, locale);
        return "two-factor-methods";
    }

    @PostMapping(BASE + "/totp")
    String startTotp(@PathVariable String accountId, Model model, HttpServletResponse response, Locale locale) {
        Optional<Session> session = owner(accountId);
        if (session.isEmpty()) {
            return toChoice();
        }
        Outcome<TotpEnrollment, SettingsProblem> started = settings.startTotp(session.get());
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(methodsPath(session.get().accountId())));
        if (!started.isDone()) {
            return refusedBeforeChange(started.refusal().orElseThrow(), session.get(), model, response, locale);
        }
        TotpEnrollment enrollment = started.doneValue().get();
        model.addAttribute("accountId", session.get().accountId().toString());
        model.addAttribute("qr", QrCodes.pngDataUri(enrollment.keyUri()));
        model.addAttribute("keyUri", enrollment.keyUri());
        model.addAttribute("secret", enrollment.groupedSecret());
        model.addAttribute("showKey", true);
        return "totp-setup";
    }

    @PostMapping(BASE + "/totp/confirm")
    String confirmTotp(@PathVariable String accountId, @RequestParam(required = false) String code,
                       HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Optional<Session> session = owner(accountId);
        if (session.isEmpty()) {
            return toChoice();
        }
        ClientAddress from = ClientAddresses.of(request);
        Outcome<TwoStepSettings.TotpConfirmed, SettingsProblem> confirmed = settings.confirmTotp(session.get(), code, from);
        model.addAttribute(PageModelAdvice.LANG_BASE, PageModelAdvice.langBase(methodsPath(session.get().accountId())));
        if (confirmed.isDone()) {
            // Turning two-step verification on ended the other sessions and raised this one (new cookie).
            cookies.keep(response, confirmed.doneValue().get().raised());
            Optional<IssuedBackupCodes> first = confirmed.doneValue().get().firstBackupCodes();
            if (first.isEmpty()) {
                return "redirect:" + methodsPath(session.get().accountId()) + "?totp-replaced";
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
        // The key cannot be shown again (it is stored sealed); the app already has it, so ask for
        // another code, and offer a fresh key for anyone who did not manage to add this one.
        errors.show(refusal, response, model, locale);
        model.addAttribute("accountId", session.get().accountId().toString());
        model.addAttribute("showKey", false);
        return "totp-setup";
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
                .filter(k -> k == FactorKind.TOTP || k == FactorKind.BACKUP_CODE);
        if (kind.isEmpty()) {
            errors.show(TwoStepFailures.UNKNOWN_METHOD, response, model, locale);
            methodsModel(session.get(), model, locale);
            return "two-factor-methods";
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
        methodsModel(session.get(), model, locale);
        model.addAttribute("disableMethod", PageMessages.methodName(kind.get()));
        return "two-factor-methods";
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
